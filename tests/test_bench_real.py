"""The scorer of benchmarks/bench_real.py on tiny hand-made inputs (no models), and the labels files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.real_scoring import (
    Gold,
    Pred,
    about_other_subject,
    doc_unit,
    load_claim_labels,
    load_predictions,
    macro_f1,
    match,
    names_subject,
    quote_overlap,
    real_doc,
    score,
    subject_names,
)

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "benchmarks" / "data"
CARD31 = "llama-model-cards/models/llama3_1/MODEL_CARD.md"
AMZN = "financebench-10k/derived_10k_text/AMAZON_2017_10K.txt"


def gold(id_: str, quote: str, *, claim: bool = True, verdict: str | None = "real", **kw: object) -> Gold:
    return Gold(
        id=id_,
        source=str(kw.get("source", "t.txt")),
        quote=quote,
        is_claim=claim,
        split=str(kw.get("split", "test")),
        subject=kw.get("subject", "Amazon" if claim else None),  # type: ignore[arg-type]
        verdict=verdict if claim else None,
        docs=tuple(kw.get("docs", (AMZN,) if claim and verdict != "unverified" else ())),  # type: ignore[arg-type]
    )


def pred(quote: str, label: str = "real", *, text: str | None = None, **kw: object) -> Pred:
    return Pred(
        source=str(kw.get("source", "t.txt")),
        quotes=(quote,),
        text=text if text is not None else quote,
        label=label,
        docs=tuple(kw.get("docs", (AMZN,))),  # type: ignore[arg-type]
    )


# ------------------------------------------------------------------------------------------ matching


def test_identical_quotes_match_fully() -> None:
    assert quote_overlap("They did 178 billion last year.", "they did 178 billion last year") == 1.0


def test_fillers_and_mojibake_still_match() -> None:
    label = "It\u00e2\u20ac\u2122s, um, like, in, in the cloud it did seventeen billion."
    said = "It\u2019s in the cloud it did seventeen billion."
    assert quote_overlap(label, said) is not None


def test_containment_matches_a_split_clause() -> None:
    sentence = "Revenue went up twenty two percent and headcount fell by a fifth across the company."
    assert quote_overlap("headcount fell by a fifth", sentence) is not None


def test_short_contained_quote_does_not_match() -> None:
    assert (
        quote_overlap("One percent.", "It grew one percent in Europe and nine percent at home overall.")
        is None
    )


def test_unrelated_sentences_do_not_match() -> None:
    assert (
        quote_overlap("AWS grew forty three percent.", "Whole Foods cost thirteen point seven billion.")
        is None
    )


def test_matching_is_one_to_one_and_per_transcript() -> None:
    golds = [
        gold("g1", "AWS grew forty three percent last year."),
        gold("g2", "AWS grew 43 percent last year."),
    ]
    preds = [
        pred("AWS grew forty three percent last year."),
        pred("AWS grew forty three percent last year.", source="other.txt"),
    ]
    assert match(preds, golds) == {0: 0}


def test_bare_claims_match_by_id() -> None:
    golds = [Gold(id="v1", source="c.jsonl", quote="x", is_claim=True, split="dev", verdict="hype")]
    p = Pred(source="c.jsonl", quotes=("x",), text="x", label="hype", id="v1")
    assert match([p], golds) == {0: 0}


# ------------------------------------------------------------------------------------------ subjects


def test_subject_names() -> None:
    assert subject_names("Square (Block)") == ["Square", "Block"]
    assert "Llama 3.1" in subject_names("Llama 3.1 405B Instruct")
    assert "Llama" not in subject_names("Llama 3.1 405B Instruct")
    assert "Maverick" in subject_names("Llama 4 Maverick")
    assert "Whole Foods" in subject_names("Whole Foods Market acquisition (Amazon)")
    assert "Verizon" in subject_names("Verizon Consumer segment")
    assert subject_names("Meta's next frontier model (unnamed)") == ["Meta's next frontier model", "Meta"]
    assert subject_names("Llama models") == ["Llama models", "Llama"]


def test_names_subject_is_token_runs_any_case() -> None:
    assert names_subject("[Llama-3.1] was trained on 39.3M GPU hours", "Llama 3.1 405B")
    assert not names_subject("Llama 3 was trained on 7.7M GPU hours", "Llama 3.1 405B")
    assert names_subject("[3M] sold its food safety unit", "3M Food Safety split-off")
    assert not names_subject("It made 13M in profit", "3M")
    assert not names_subject("They did 178 billion in net sales", "Amazon")


# ------------------------------------------------------------------------------------------ other subject


def test_doc_units() -> None:
    assert doc_unit("llama-model-cards/models/llama3_1/eval_details.md") == doc_unit(CARD31)
    assert doc_unit("llama-model-cards/models/llama3_2/MODEL_CARD_VISION.md") != doc_unit(
        "llama-model-cards/models/llama3_2/MODEL_CARD.md"
    )
    assert doc_unit(AMZN) == AMZN


def test_about_other_subject() -> None:
    g = gold("g", "x", docs=(CARD31,))
    assert not about_other_subject(pred("x", docs=("llama-model-cards/models/llama3_1/eval_details.md",)), g)
    assert about_other_subject(pred("x", docs=("llama-model-cards/models/llama3/MODEL_CARD.md",)), g)
    assert not about_other_subject(pred("x", "unverified", docs=()), g)
    unverifiable = gold("u", "x", verdict="unverified")
    assert about_other_subject(pred("x", "hype", docs=(AMZN,)), unverifiable)
    assert not about_other_subject(pred("x", "unverified"), unverifiable)


# ------------------------------------------------------------------------------------------ metrics


def test_macro_f1_leaves_out_unused_labels() -> None:
    assert macro_f1(["real", "hype"], ["real", "hype"]) == 1.0
    assert macro_f1(["real", "real"], ["real", "hype"]) == pytest.approx((2 / 3 + 0) / 2)
    assert macro_f1([], []) is None


def test_score_on_a_tiny_transcript() -> None:
    golds = [
        gold("c1", "They did a hundred and seventy eight billion in net sales last year.", subject="Amazon"),
        gold("c2", "AWS grew forty three percent last year.", verdict="hype", subject="AWS (Amazon)"),
        gold("c3", "Walmart did five hundred billion.", verdict="unverified", subject="Walmart"),
        gold("n1", "I think Bezos is a genius honestly.", claim=False),
        gold("n2", "So on screen you can see the five year table.", claim=False),
        gold("d1", "Dev sentence about something else entirely here.", split="dev"),
    ]
    preds = [
        pred(
            "They did a hundred and seventy eight billion in net sales last year.",
            text="[Amazon] did 178 billion in net sales in 2017.",
        ),
        pred("AWS grew forty three percent last year.", "real"),  # wrong verdict, names AWS
        pred("Walmart did five hundred billion.", "hype"),  # drafted although unverifiable
        pred("I think Bezos is a genius honestly."),  # a flagged non-claim
        pred("Anyway, let's move on to the next segment now."),  # unlabelled: false positive
    ]
    s = score(preds, golds, "test")
    assert (s.gold_claims, s.gold_nonclaims, s.predicted, s.matched) == (3, 2, 5, 3)
    assert s.precision == pytest.approx(3 / 5)
    assert s.recall == 1.0
    assert s.nonclaims_flagged == 0.5
    assert s.accuracy == pytest.approx(1 / 3)
    assert s.names_subject == 1.0
    assert s.other_subject == 1
    dev = score(preds, golds, "dev")
    assert (dev.gold_claims, dev.predicted, dev.recall, dev.precision) == (1, 0, 0.0, None)


def test_score_bare_claims_has_no_claim_precision() -> None:
    golds = [
        Gold(
            id="v1", source="c.jsonl", quote="a", is_claim=True, split="test", verdict="real", docs=(CARD31,)
        ),
        Gold(id="v2", source="c.jsonl", quote="b", is_claim=True, split="test", verdict="hype", docs=(AMZN,)),
    ]
    preds = [
        Pred(source="c.jsonl", quotes=("a",), text="a", label="real", docs=(CARD31,), id="v1"),
        Pred(source="c.jsonl", quotes=("b",), text="b", label="real", docs=(CARD31,), id="v2"),
    ]
    s = score(preds, golds, "test", bare_claims=True)
    assert (s.precision, s.recall, s.nonclaims_flagged, s.names_subject) == (None, None, None, None)
    assert s.accuracy == 0.5
    assert s.other_subject == 1


def test_load_predictions_reads_occurrences_and_is_claim() -> None:
    record = {
        "predictions": [
            {
                "source": "t.txt",
                "claim": {
                    "text": "[X] grew",
                    "quote": "it grew",
                    "occurrences": [{"quote": "It grew again"}],
                },
                "label": "real",
                "evidence_docs": [AMZN],
            },
            {
                "source": "t.txt",
                "claim": {"text": "y", "quote": "y", "is_claim": False},
                "label": "unverified",
            },
        ]
    }
    first, second = load_predictions(record)
    assert first.quotes == ("it grew", "It grew again") and first.docs == (AMZN,)
    assert not second.is_claim


# ------------------------------------------------------------------------------------------ labels files


def test_every_verdict_claim_evidence_maps_to_the_real_corpus(shared_dir: Path) -> None:
    golds = load_claim_labels(DATA / "verdict_claims.jsonl")
    assert len(golds) == 249
    for g in golds:
        for doc in g.docs:
            assert (shared_dir / "data" / doc).is_file(), doc
    with pytest.raises(KeyError):
        real_doc("nowhere/else.md")


@pytest.mark.parametrize("labels_set", ["speech", "seeds"])
def test_labels_pass_their_checker(labels_set: str) -> None:
    """Each set's own checker (it skips the document checks when ../shared is absent)."""
    script = DATA / labels_set / "check_labels.py"
    if not script.is_file():
        pytest.skip(f"{script} is not there yet")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


SEED_FIELDS = {"id", "seed", "quote", "is_claim", "kind", "subject", "needs_context", "period"}
SEED_FIELDS |= {"verdict", "evidence", "why", "split"}


def test_seed_labels_are_well_formed(shared_dir: Path) -> None:
    path = DATA / "seeds" / "labels.jsonl"
    if not path.is_file():
        pytest.skip("benchmarks/data/seeds/labels.jsonl is not written yet")
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len({r["id"] for r in rows}) == len(rows)
    texts: dict[str, str] = {}
    for r in rows:
        assert set(r) >= SEED_FIELDS, r["id"]
        assert r["split"] in ("dev", "test") and isinstance(r["is_claim"], bool)
        assert r["seed"][:3] in ("001", "002", "003", "004"), r["id"]
        if r["seed"] not in texts:
            texts[r["seed"]] = " ".join(
                (shared_dir / "seeds" / r["seed"]).read_text(encoding="utf-8").split()
            )
        assert " ".join(r["quote"].split()) in texts[r["seed"]], r["id"]
        if r["is_claim"]:
            assert r["verdict"] in ("real", "partially_true", "hype", "unverified") and r["subject"], r["id"]
        else:
            assert r["verdict"] is None, r["id"]
        for e in r["evidence"]:
            doc = shared_dir / "data" / e["doc"]
            assert e["quote"] in doc.read_text(encoding="utf-8"), (r["id"], e["doc"])
