"""A batch of transcripts (`claimcheck run`): every input checked before any model loads, then each
transcript drafted on its own, so that one bad transcript never stops the others.

`run_transcripts` checks the folders (`claimcheck.preflight`), reads every transcript (`read_batch`: a
file that cannot be read, or that claims a slug another file already has, becomes a failed `RunResult`),
loads the models only when there is something to draft, and drafts the rest (`pipeline.draft_batch`).
The results come back in the order the paths were given.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from claimcheck.errors import ClaimcheckError
from claimcheck.models import Transcript
from claimcheck.preflight import check_engine_paths
from claimcheck.progress import NO_PROGRESS, Progress
from claimcheck.publish.context import RESERVED_PREFIXES, RESERVED_SLUGS
from claimcheck.settings import Settings
from claimcheck.transcripts import read_transcript


class RunResult(BaseModel):
    path: str
    slug: str | None = None
    ok: bool
    error: str | None = None
    claims: int = 0
    draft_path: str | None = None
    reattached: int = 0
    orphaned: int = 0
    # re-attached approvals sent back to review because the claim's checkable text changed
    reopened: int = 0
    # what the transcript reader worked around (also kept on the draft)
    warnings: list[str] = Field(default_factory=list)


class BatchReport(BaseModel):
    results: list[RunResult]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)


def in_path_order(results: list[RunResult], paths: Sequence[Path]) -> BatchReport:
    """The results in the order their paths were given."""
    order = {str(p): i for i, p in enumerate(paths)}
    return BatchReport(results=sorted(results, key=lambda r: order.get(r.path, len(order))))


def read_batch(paths: Sequence[Path], settings: Settings) -> tuple[list[Transcript], list[RunResult]]:
    """Read every transcript; failures, reserved slugs and slug collisions become results, the rest go on."""
    transcripts: list[Transcript] = []
    failed: list[RunResult] = []
    owners: dict[str, str] = {}
    for path in paths:
        try:
            transcript = read_transcript(path, settings)
        except ClaimcheckError as exc:
            failed.append(RunResult(path=str(path), ok=False, error=exc.message()))
            continue
        if transcript.id in RESERVED_SLUGS or transcript.id.startswith(RESERVED_PREFIXES):
            failed.append(
                refused(
                    transcript,
                    f"slug {transcript.id!r} is reserved for the site's own pages "
                    f"({', '.join(sorted(RESERVED_SLUGS))}, and names starting "
                    f"{' or '.join(RESERVED_PREFIXES)}) (set another `slug:` in the front matter or "
                    "rename the file)",
                )
            )
            continue
        if transcript.id in owners:
            failed.append(
                refused(
                    transcript,
                    f"slug {transcript.id!r} is already used by {owners[transcript.id]} "
                    "(set a distinct `slug:` in the front matter or rename the file)",
                )
            )
            continue
        owners[transcript.id] = str(path)
        transcripts.append(transcript)
    return transcripts, failed


def refused(transcript: Transcript, reason: str) -> RunResult:
    """A transcript that was read but is not drafted, and why."""
    return RunResult(
        path=transcript.source_path,
        slug=transcript.id,
        ok=False,
        error=f"{transcript.source_path}: {reason}",
        warnings=transcript.warnings,
    )


def run_transcripts(
    paths: Sequence[Path],
    settings: Settings,
    *,
    corpus_dir: Path | None = None,
    index_dir: Path | None = None,
    replace: bool = False,
    progress: Progress = NO_PROGRESS,
) -> BatchReport:
    """Check, read, then draft every transcript into `settings.out_dir`; the models load only when at
    least one transcript was read. Raises only for a bad folder (before anything is read). `replace`: see
    `pipeline.claim_slugs`. The stages report to `progress`."""
    check_engine_paths(settings, corpus_dir=corpus_dir, index_dir=index_dir)
    transcripts, failed = read_batch(paths, settings)
    if not transcripts:
        return in_path_order(failed, paths)
    from claimcheck.pipeline import Engine, draft_batch  # heavy: spaCy, the embedder, the verifier

    engine = Engine.load(settings, corpus_dir=corpus_dir, index_dir=index_dir, progress=progress)
    return draft_batch(
        transcripts, failed, engine, settings.out_dir, paths, replace=replace, progress=progress
    )
