"""The corpus commands: `corpus fetch sec / model-card`, `corpus add / list / show / remove`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from claimcheck.cli.options import DIRECTORY, F, emit, friendly_errors, json_option, settings_from
from claimcheck.models import DocKind
from claimcheck.settings import Settings

if TYPE_CHECKING:
    from claimcheck.sources.fetch import FetchReport
    from claimcheck.sources.manage import CorpusChange

KIND_CHOICE = click.Choice([kind.value for kind in DocKind if kind is not DocKind.BREAKDOWN])


def refresh_option(func: F) -> F:
    return click.option(
        "--refresh",
        is_flag=True,
        help="Ask for the filing lists / branch heads again even if the cached copy is young "
        "(fetched documents are still never downloaded twice).",
    )(func)


def _fetch_settings(ctx: click.Context, refresh: bool) -> Settings:
    return settings_from(ctx, fetch_listing_max_age_hours=0 if refresh else None)


def stale_option(func: F) -> F:
    """`--out DIR`: the output folder whose approved verdicts a corpus change is checked against."""
    return click.option(
        "--out",
        "out_dir",
        type=DIRECTORY,
        default=None,
        help="Also re-check this output folder's approved verdicts against the changed corpus "
        "(what `review stale` does).",
    )(func)


def corpus_options(func: F) -> F:
    """`--corpus DIR` (default: the corpus_dir setting) and `--index DIR` (the index kept in step)."""
    func = click.option(
        "--index",
        "index_dir",
        type=DIRECTORY,
        default=None,
        help="An index (from `claimcheck index build`) to keep in step; built when the folder is new.",
    )(func)
    return click.option(
        "--corpus",
        "corpus_dir",
        type=DIRECTORY,
        default=None,
        help="The corpus folder. Default: the corpus_dir setting (the shipped corpus).",
    )(func)


@click.group()
def corpus() -> None:
    """Build the corpus of record: fetch filings and model cards, add, list, show and remove documents.

    Every change holds the corpus's writer lock and, with --index, updates that index in the same command.

    \b
    Example:
        claimcheck corpus fetch sec META --form 10-K --years 2022-2024 --corpus newsroom-corpus
    """


@corpus.group()
def fetch() -> None:
    """Download primary sources into the corpus, with their provenance in each file's front matter.

    \b
    Example:
        claimcheck corpus fetch model-card meta-llama/Llama-3.1-8B --corpus newsroom-corpus
    """


def _after_change(
    settings: Settings,
    change: CorpusChange,
    corpus_dir: Path,
    index_dir: Path | None,
    out_dir: Path | None,
) -> None:
    """With --out, re-check that folder's approved verdicts and list the stale ones; else, when documents
    were replaced or removed, say how to."""
    if out_dir is None:
        if change.replaced or change.removed:
            click.echo(
                "Verdicts citing replaced or removed documents may be stale: run `claimcheck review stale`"
            )
        return
    if not (change.changed or change.removed):
        return
    from claimcheck.cli.lines import stale_text
    from claimcheck.sources.stale import check_stale

    report = check_stale(out_dir, settings, corpus_dir=corpus_dir, index_dir=index_dir)
    for line in stale_text(report.open):
        click.echo(line)
    click.echo(
        f"{report.checked} approved verdicts in {out_dir} checked, {len(report.flagged)} newly stale and "
        "sent back to review"
    )


def _print_fetch(report: FetchReport) -> None:
    """One line per fetched document (added, replaced or unchanged), then what changed."""
    for doc_id, prov in report.fetched:
        status = (
            "added"
            if doc_id in report.change.added
            else "replaced"
            if doc_id in report.change.replaced
            else "unchanged"
        )
        click.echo(f"{status:9}  {doc_id}  {prov.title or ''}  {prov.url or ''}")
    click.echo(report.change.summary() + f" ({report.requests} downloads, the rest from the cache)")


@fetch.command("sec")
@click.argument("company")
@click.option("--form", type=click.Choice(["10-K", "10-Q", "8-K"]), default="10-K", show_default=True)
@click.option("--years", default=None, help="Fiscal years, e.g. 2023 or 2022-2025. Default: all listed.")
@refresh_option
@corpus_options
@stale_option
@click.pass_context
@friendly_errors
def fetch_sec(
    ctx: click.Context,
    company: str,
    form: str,
    years: str | None,
    refresh: bool,
    corpus_dir: Path | None,
    index_dir: Path | None,
    out_dir: Path | None,
) -> None:
    """Fetch a company's filings (COMPANY: a ticker or a CIK) from SEC EDGAR, amendments included.

    Needs the fetch_user_agent setting with a contact e-mail address (SEC's fair-access rules); sends at
    most fetch_max_requests_per_second requests per second and never downloads a filing twice (the HTTP
    cache is CORPUS/.cache/http).

    \b
    Example:
        claimcheck corpus fetch sec META --form 10-K --years 2022-2024 --refresh --corpus newsroom-corpus
    """
    from claimcheck.sources.fetch import fetch_sec as run_fetch

    settings = _fetch_settings(ctx, refresh)
    corpus_dir = corpus_dir or settings.corpus_dir
    report = run_fetch(corpus_dir, company, form, years, settings, index_dir=index_dir)
    _print_fetch(report)
    _after_change(settings, report.change, corpus_dir, index_dir, out_dir)


@fetch.command("model-card")
@click.argument("repo_id")
@click.option("--revision", default="main", show_default=True, help="Branch, tag or commit (Hugging Face).")
@refresh_option
@corpus_options
@stale_option
@click.pass_context
@friendly_errors
def fetch_model_card(
    ctx: click.Context,
    repo_id: str,
    revision: str,
    refresh: bool,
    corpus_dir: Path | None,
    index_dir: Path | None,
    out_dir: Path | None,
) -> None:
    """Fetch a model card: REPO_ID is a Hugging Face repository (its README.md at --revision, cited at
    the commit it resolved to) or a GitHub file link (https://github.com/OWNER/REPO/blob/REF/PATH).

    \b
    Example:
        claimcheck corpus fetch model-card meta-llama/Llama-3.1-8B --revision main --corpus newsroom-corpus
    """
    from claimcheck.sources.fetch import fetch_model_card as run_fetch

    settings = _fetch_settings(ctx, refresh)
    corpus_dir = corpus_dir or settings.corpus_dir
    report = run_fetch(corpus_dir, repo_id, revision, settings, index_dir=index_dir)
    _print_fetch(report)
    _after_change(settings, report.change, corpus_dir, index_dir, out_dir)


@corpus.command("add")
@click.argument("sources", nargs=-1, required=True)
@click.option("--to", "folder", default=None, help="Folder inside the corpus to put them in.")
@click.option("--kind", type=KIND_CHOICE, default=None, help="Their kind, for files without front matter.")
@click.option("--title", default=None, help="Their title, for files without front matter.")
@click.option("--replace", is_flag=True, help="Replace a different document already at the same path.")
@corpus_options
@stale_option
@click.pass_context
@friendly_errors
def corpus_add(
    ctx: click.Context,
    sources: tuple[str, ...],
    folder: str | None,
    kind: str | None,
    title: str | None,
    replace: bool,
    corpus_dir: Path | None,
    index_dir: Path | None,
    out_dir: Path | None,
) -> None:
    """Add files (.md, .txt, .jsonl, .html) or URLs to the corpus, with their provenance.

    All are read and checked before any is written; a bad one is reported and nothing changes.

    \b
    Example:
        claimcheck corpus add notes/meta-q3-call.md https://example.org/card.md --to notes --index idx
    """
    from claimcheck.sources.adding import add_sources

    settings = settings_from(ctx)
    corpus_dir = corpus_dir or settings.corpus_dir
    change = add_sources(
        corpus_dir,
        sources,
        settings,
        folder=folder,
        kind=DocKind(kind) if kind else None,
        title=title,
        replace=replace,
        index_dir=index_dir,
    )
    for doc_id in change.added:
        click.echo(f"added     {doc_id}")
    for doc_id in change.replaced:
        click.echo(f"replaced  {doc_id}")
    for doc_id in change.unchanged:
        click.echo(f"unchanged {doc_id}")
    click.echo(change.summary())
    _after_change(settings, change, corpus_dir, index_dir, out_dir)


@corpus.command("list")
@corpus_options
@json_option
@click.pass_context
@friendly_errors
def corpus_list(ctx: click.Context, corpus_dir: Path | None, index_dir: Path | None, as_json: bool) -> None:
    """List the corpus's documents: id, kind, period, where each came from and when (with --index, whether
    the index holds its current text).

    \b
    Example:
        claimcheck corpus list --corpus newsroom-corpus --index output/index
    """
    from claimcheck.sources.manage import list_documents

    settings = settings_from(ctx)
    hashes = None
    if index_dir is not None:
        from claimcheck.cli.options import load_index

        hashes = dict(load_index(ctx, index_dir).manifest.doc_hashes)
    rows = list_documents(corpus_dir or settings.corpus_dir, settings, index_hashes=hashes)
    for row in rows:
        if as_json:
            emit(row)
            continue
        where = (
            f"{row.source} {row.retrieved}"
            if row.source
            else (f"compiled from {row.compiled_from}" if row.compiled_from else "no provenance")
        )
        indexed = f"  indexed: {row.indexed}" if row.indexed is not None else ""
        click.echo(f"{row.doc_id}  [{row.kind}] {row.title}  ({row.period or '-'}; {where}){indexed}")


@corpus.command("show")
@click.argument("doc_id")
@corpus_options
@click.pass_context
@friendly_errors
def corpus_show(ctx: click.Context, doc_id: str, corpus_dir: Path | None, index_dir: Path | None) -> None:
    """Show one document's citation and provenance (url, retrieval date, hashes) and its first lines.

    \b
    Example:
        claimcheck corpus show sec/meta/10-K-FY2023-0001326801-24-000012.txt --corpus newsroom-corpus
    """
    from claimcheck.sources.manage import show_document

    settings = settings_from(ctx)
    click.echo(show_document(corpus_dir or settings.corpus_dir, doc_id, settings))


@corpus.command("remove")
@click.argument("doc_ids", nargs=-1, required=True)
@corpus_options
@stale_option
@click.pass_context
@friendly_errors
def corpus_remove(
    ctx: click.Context,
    doc_ids: tuple[str, ...],
    corpus_dir: Path | None,
    index_dir: Path | None,
    out_dir: Path | None,
) -> None:
    """Delete documents from the corpus (and, with --index, from that index).

    \b
    Example:
        claimcheck corpus remove meta-10k/fy2023-segments.md --corpus newsroom-corpus --index output/index
    """
    from claimcheck.sources.manage import remove_documents

    settings = settings_from(ctx)
    corpus_dir = corpus_dir or settings.corpus_dir
    change = remove_documents(corpus_dir, doc_ids, settings, index_dir=index_dir)
    for doc_id in change.removed:
        click.echo(f"removed   {doc_id}")
    click.echo(change.summary())
    _after_change(settings, change, corpus_dir, index_dir, out_dir)
