"""A claim with a typed subject is searched again among its subject's documents (`subject_retrieve_k`): in a
corpus of many cards, the whole-corpus ranking of "Llama 2 was five hundred and thirty nine tons of CO2" held
other cards' emission rows only, and the Llama 2 card's own line never reached the verdict stage."""

from __future__ import annotations

from pathlib import Path

from claimcheck.models import Claim, ClaimSubject
from claimcheck.pipeline import retrieve
from claimcheck.verify.subjects import document_citations, subject_documents
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
    cited = document_citations(index.passages)
    assert subject_documents(ClaimSubject(name="Llama 2", model="Llama 2"), cited) == {"llama-2.md"}
    # (a card is about each of its model's sizes, though its title names none)
    llama_2_70b = ClaimSubject(name="Llama 2 70B", model="Llama 2 70B")
    assert subject_documents(llama_2_70b, cited) == {"llama-2.md"}
    # a subject no document is titled with, or a subject every document is about, narrows nothing
    assert subject_documents(ClaimSubject(name="Gemma 2", model="Gemma 2"), cited) is None
    assert subject_documents(ClaimSubject(name="Meta", company="Meta"), cited) is None


def test_a_company_s_documents_are_its_own_filings_only() -> None:
    from claimcheck.models import Citation, DocKind

    cited = {
        "hrb.txt": Citation(
            title="H&R BLOCK INC Form 10-K FY2020", kind=DocKind.TEN_K, company="H&R BLOCK INC"
        ),
        "sq.txt": Citation(title="SQUARE, INC. Form 10-K FY2020", kind=DocKind.TEN_K, company="SQUARE, INC."),
        "axp.txt": Citation(
            title="American Express Company Form 10-K FY2022",
            kind=DocKind.TEN_K,
            company="American Express Company",
        ),
    }
    assert subject_documents(ClaimSubject(name="Square", company="Square"), cited) == {"sq.txt"}
    assert subject_documents(ClaimSubject(name="Amex", company="Amex"), cited) == {"axp.txt"}
    # (a name another company's merely contains is not that company's)
    assert subject_documents(ClaimSubject(name="Block", company="Block"), cited) is None
