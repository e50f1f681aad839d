"""`claimcheck batch INBOX`: draft every new or changed transcript of a folder, once, and (`--watch`) keep
watching it."""

from __future__ import annotations

import io
import json
import sys
import threading
from pathlib import Path

import click

from claimcheck.cli.options import (
    corpus_or_index,
    friendly_errors,
    json_option,
    nli_option,
    out_option,
    quiet_option,
    settings_from,
)
from claimcheck.progress import terminal_progress

# `batch`'s exit codes (also in its --help and the README).
EXIT_OK = 0  # every transcript of every pass drafted (or skipped as unchanged)
EXIT_FAILED = 1  # some transcript failed (it is retried next time), or the batch could not run
EXIT_USAGE = 2  # bad command line: click's own code for a usage error


@click.command("batch")
@click.argument("inbox", type=click.Path(exists=True, file_okay=False, path_type=Path))
@out_option
@corpus_or_index
@nli_option
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes, each loading the models once (1: the batch process itself). With --ray: "
    "the number of Ray actors.",
)
@click.option(
    "--watch", is_flag=True, help="Keep watching INBOX and process arrivals until interrupted (Ctrl-C)."
)
@click.option(
    "--ray",
    "ray_address",
    metavar="ADDRESS",
    default=None,
    help='Draft on a Ray cluster: "auto" (the cluster this machine belongs to, else a local one) or '
    "its address (ray://host:10001, host:6379). Needs the `ray` package.",
)
@json_option
@quiet_option
@click.pass_context
@friendly_errors
def batch(
    ctx: click.Context,
    inbox: Path,
    out_dir: Path | None,
    corpus_dir: Path | None,
    index_dir: Path | None,
    nli_model: Path | None,
    workers: int,
    watch: bool,
    ray_address: str | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """Draft every new or changed transcript under INBOX, once; skip the unchanged ones.

    A ledger (OUT/batches/ledger.sqlite) remembers each file's sha256: unchanged files are skipped, a
    failed one is retried on the next run. Safe to interrupt at any moment (even kill -9): every draft
    finished is kept, and the next run resumes. One batch per OUT: a second fails at once, naming the
    first. The models load once per worker. A summary table (processed, skipped, failed with reasons,
    claims and labels, the review queue) is printed and written as OUT/batches/<UTC time>.json; --json
    prints it as one JSON object per pass instead. On a terminal, progress bars (overall and per
    transcript) are drawn on stderr.

    Exit codes: 0 all drafted or unchanged; 1 some transcript failed, or the batch could not run
    (another batch holds OUT); 2 usage error.

    \b
    Example:
        claimcheck batch inbox/ --out output --workers 2
    """
    from claimcheck.batching import batch_inbox, drafter_for
    from claimcheck.batching.runner import BatchSummary

    settings = settings_from(ctx, out_dir=out_dir, nli_model=nli_model)
    failed = False

    def report(summary: BatchSummary, path: Path) -> None:
        nonlocal failed
        failed = failed or not summary.ok
        if as_json:
            click.echo(json.dumps(summary.model_dump(mode="json"), ensure_ascii=False))
        else:
            click.echo(summary_text(summary, path))

    stop = threading.Event()
    with terminal_progress(quiet=quiet, as_json=as_json) as progress:
        make, backend = drafter_for(
            settings,
            corpus_dir=corpus_dir,
            index_dir=index_dir,
            workers=workers,
            ray_address=ray_address,
            progress=progress,
        )
        try:
            batch_inbox(
                inbox,
                settings,
                make,
                backend=backend,
                progress=progress,
                watch=watch,
                stop=stop,
                on_summary=report,
            )
        except KeyboardInterrupt:
            stop.set()
            click.echo("Interrupted: every draft finished is kept; run again to resume.", err=True)
            sys.exit(130)
    if failed:
        sys.exit(EXIT_FAILED)


def summary_text(summary: object, path: Path) -> str:
    """The summary of one pass as a table and a few lines (rich, rendered to text)."""
    from rich.console import Console
    from rich.table import Table

    from claimcheck.batching.runner import BatchSummary

    assert isinstance(summary, BatchSummary)
    table = Table(title=f"Batch of {summary.inbox}", title_justify="left")
    for name in ("transcript", "result", "claims", "labels / reason", "s"):
        table.add_column(name, overflow="fold")
    for item in summary.processed:
        labels = ", ".join(f"{k} {v}" for k, v in item.labels.items())
        table.add_row(Path(item.path).name, "drafted", str(item.claims), labels, f"{item.seconds:.1f}")
    for failure in summary.failed:
        table.add_row(Path(failure.path).name, f"failed ×{failure.attempts}", "", failure.reason, "")
    buffer = io.StringIO()
    console = Console(file=buffer, width=110, color_system=None, force_terminal=False)
    if summary.processed or summary.failed:
        console.print(table)
    labels = ", ".join(f"{k} {v}" for k, v in summary.labels.items()) or "none"
    lines = [
        f"processed {len(summary.processed)}, skipped {len(summary.skipped)} (unchanged), "
        f"failed {len(summary.failed)}"
        + (f", waiting {summary.waiting} (still changing)" if summary.waiting else ""),
        f"claims {summary.claims} ({labels}); review queue {summary.review_queue}",
    ]
    if summary.load_seconds is not None:
        lines.append(
            f"models loaded in {summary.load_seconds:.1f} s ({summary.backend}, {summary.workers} worker(s))"
        )
    if summary.first_draft_seconds is not None:
        lines.append(
            f"first draft after {summary.first_draft_seconds:.1f} s; pass took {summary.wall_seconds:.1f} s"
        )
    for worker in summary.worker_memory:
        lines.append(f"peak memory {worker.worker}: {worker.peak_rss_mb:.0f} MiB")
    lines.append(f"summary: {path}")
    return buffer.getvalue() + "\n".join(lines)
