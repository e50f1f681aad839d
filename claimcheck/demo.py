"""`claimcheck demo`: the whole job on the shipped sample, as the README's first command."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import BaseModel, ValidationError

from claimcheck.drafts import read_draft
from claimcheck.errors import InputError
from claimcheck.models import DecisionAction, EditorDecision, Label
from claimcheck.pipeline import Engine, run_batch
from claimcheck.publish import publish_site
from claimcheck.review import open_store, read_section_file, set_section, with_implied_approval
from claimcheck.review.app import DEFAULT_HOST, DEFAULT_PORT
from claimcheck.settings import REPO_DIR, Settings

SAMPLES = REPO_DIR / "samples"
SAMPLE_TRANSCRIPT = SAMPLES / "zuck-open-source-ep.txt"
SAMPLE_DECISIONS = SAMPLES / "decisions.jsonl"
# The sample editor's page sections: one markdown file per section name (samples/sections/so_what.md, …).
SAMPLE_SECTIONS = SAMPLES / "sections"
DEMO_EDITOR = "Sample Editor"


class SampleDecision(BaseModel):
    """A decision keyed by words of the quote, so the sample survives changes to claim ids."""

    quote_contains: str
    action: DecisionAction
    label: Label | None = None
    note: str | None = None


def read_sample_decisions(path: Path) -> list[SampleDecision]:
    out: list[SampleDecision] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(SampleDecision.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise InputError(f"bad sample decision: {exc}", path=path, line=number) from None
        except RecursionError:
            raise InputError("bad sample decision: JSON nested too deeply", path=path, line=number) from None
    return out


def run_demo(settings: Settings, echo: Callable[[str], None]) -> Iterator[str]:
    echo("Loading models and the default corpus (first run builds the index, about a minute)…")
    engine = Engine.load(settings)
    report = run_batch([SAMPLE_TRANSCRIPT], engine, settings.out_dir)
    result = report.results[0]
    if not result.ok or result.draft_path is None:
        raise InputError(result.error or "the sample failed", path=SAMPLE_TRANSCRIPT)
    echo(f"Drafted {result.claims} claims → {result.draft_path}")
    breakdown = read_draft(Path(result.draft_path))
    applied = 0
    with open_store(settings.out_dir) as store:
        for decision in read_sample_decisions(SAMPLE_DECISIONS):
            for verdict in breakdown.verdicts:
                if decision.quote_contains.lower() in verdict.claim.quote.lower():
                    editor_decision = EditorDecision(
                        transcript_id=breakdown.slug,
                        claim_id=verdict.claim.id,
                        action=decision.action,
                        editor=DEMO_EDITOR,
                        label=decision.label,
                        note=decision.note,
                        quote=verdict.claim.quote,
                    )
                    store.record_all(with_implied_approval(editor_decision))
                    applied += 1
        sections = sorted(SAMPLE_SECTIONS.glob("*.md")) if SAMPLE_SECTIONS.is_dir() else []
        for path in sections:
            set_section(store, breakdown.slug, path.stem, read_section_file(path), DEMO_EDITOR)
    echo(f"Applied {applied} sample editor decisions from {SAMPLE_DECISIONS.name}")
    echo(f"Set {len(sections)} sample page sections from {SAMPLE_SECTIONS.name}/")
    written = publish_site(settings, include_drafts=False)
    page = next(p for p in written if p.name == f"{breakdown.slug}.html")
    yield f"Breakdown page: {page.resolve()}"
    yield (
        f"Review app: claimcheck review serve --out {settings.out_dir}  "
        f"(then open http://{DEFAULT_HOST}:{DEFAULT_PORT}/)"
    )
