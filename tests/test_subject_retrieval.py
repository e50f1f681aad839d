"""A claim with a typed subject is searched again among its subject's documents (`subject_retrieve_k`): in a
corpus of many cards, the whole-corpus ranking of "Llama 2 was five hundred and thirty nine tons of CO2" held
other cards' emission rows only, and the Llama 2 card's own line never reached the verdict stage."""

from __future__ import annotations

from pathlib import Path

from claimcheck.models import Claim, ClaimSubject
from claimcheck.pipeline import retrieve, subject_documents
from tests.factories import SETTINGS, index_corpus, make_claim, write_corpus


def _card(title: str, body: str) -> str:
    return f'---\ntitle: "{title}"\nkind: model-card\ncompany: Meta\nperiod: "2024-07"\n---\n\n{body}\n'


_OTHERS = {
    f"llama-{v}.md": _card(
        f"Llama {v} model card",
        f"Training greenhouse gas emissions: estimated total emissions were {n} tons CO2eq for training, "
        "location-based tons of CO2 emissions.",
    )
    for v, n in [("3", 2290), ("3.1", 11390), ("3.2", 240), ("3.3", 11390), ("4", 1999)]
}
_LLAMA2 = {
    "llama-2.md": _card(
        "Llama 2 model card",
        "Carbon Footprint: pretraining utilized a cumulative 3.3M GPU hours on A100-80GB. Estimated total "
        "emissions were 539 tCO2eq, 100% of which were offset by Meta's sustainability program.",
    )
}


def _claim() -> Claim:
    return make_claim("Llama 2 was five hundred and thirty nine tons of CO2").model_copy(
        update={"subject": ClaimSubject(name="Llama 2", model="Llama 2")}
    )


def _docs(tmp_path: Path, k: int) -> list[str]:
    index = index_corpus(write_corpus(tmp_path / "corpus", {**_OTHERS, **_LLAMA2}))
    settings = SETTINGS.model_copy(
        update={"retrieve_k": 2, "retrieve_channel_heads": 0, "subject_retrieve_k": k}
    )
    (found,) = retrieve([_claim()], index, settings)
    return [e.passage.doc_id for e in found.evidence]


def test_the_subjects_own_card_is_searched_again(tmp_path: Path) -> None:
    assert "llama-2.md" in _docs(tmp_path, 2)


def test_without_the_subject_search_the_other_cards_fill_the_pool(tmp_path: Path) -> None:
    # (the check above is the subject search's doing: the whole-corpus ranking alone misses the card)
    assert "llama-2.md" not in _docs(tmp_path, 0)


def test_the_documents_about_a_subject_go_by_their_citation(tmp_path: Path) -> None:
    index = index_corpus(write_corpus(tmp_path / "corpus", {**_OTHERS, **_LLAMA2}))
    assert subject_documents(ClaimSubject(name="Llama 2", model="Llama 2"), index.passages) == {"llama-2.md"}
    # a subject no document is titled with, or a subject every document is about, narrows nothing
    assert subject_documents(ClaimSubject(name="Gemma 2", model="Gemma 2"), index.passages) is None
    assert subject_documents(ClaimSubject(name="Meta", company="Meta"), index.passages) is None
