"""The index commands: `index build / add / remove / stats / verify`, and `search` (also `index search`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from claimcheck.cli.lines import SearchLine, search_text
from claimcheck.cli.options import (
    DIRECTORY,
    FILE,
    F,
    emit,
    friendly_errors,
    index_option,
    json_option,
    load_index,
    quiet_option,
    settings_from,
)
from claimcheck.index import SearchMode
from claimcheck.progress import terminal_progress


@click.group()
def index() -> None:
    """Build and inspect the evidence index.

    \b
    Example:
        claimcheck index build corpora --index output/index
    """


@index.command("build")
@click.argument("corpus_dir", type=DIRECTORY)
@index_option
@click.option(
    "--ray",
    "ray_address",
    metavar="ADDRESS",
    default=None,
    help='Embed on a Ray cluster with Ray Data: "auto" (the cluster this machine belongs to, else a '
    "local one) or its address. Writes the same index. Needs the `ray` package.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 4096),
    default=None,
    help="With --ray: embedding actors (default: one per CPU of the cluster).",
)
@quiet_option
@click.pass_context
@friendly_errors
def index_build(
    ctx: click.Context,
    corpus_dir: Path,
    index_dir: Path,
    ray_address: str | None,
    workers: int | None,
    quiet: bool,
) -> None:
    """Chunk, embed and write a FAISS index + passages + manifest.

    Above the ann_threshold setting the dense index is approximate (the ann_kind setting); its recall@10
    against exact search is measured on a sample and printed. On a terminal, progress bars with an
    estimate of the time left are drawn on stderr (--quiet: none).

    \b
    Example:
        claimcheck index build corpora --index output/index
    """
    from claimcheck.corpus import load_corpus
    from claimcheck.embedding import load_embedder
    from claimcheck.index import build_index

    if workers is not None and ray_address is None:
        raise click.UsageError("--workers goes with --ray")
    settings = settings_from(ctx)
    docs = load_corpus(corpus_dir, settings.max_document_bytes)
    embedder = load_embedder(settings)
    embed_many = None
    if ray_address is not None:
        from claimcheck.index.ray_embed import ray_embed_many

        embed_many = ray_embed_many(settings, ray_address, workers)
    with terminal_progress(quiet=quiet) as progress:
        built, _ = build_index(
            docs, embedder, settings, corpus_dir, index_dir, progress=progress, embed_many=embed_many
        )
    click.echo(f"Indexed {len(docs)} documents as {len(built.passages)} passages into {index_dir}")
    if built.manifest.ann is not None:
        click.echo(
            f"Approximate dense index {built.manifest.ann}: recall@10 {built.manifest.ann_recall_at_10:.3f} "
            f"against exact search ({settings.ann_recall_queries} leave-one-out queries)"
        )


@index.command("add")
@click.argument("corpus_dir", type=DIRECTORY)
@index_option
@quiet_option
@click.pass_context
@friendly_errors
def index_add(ctx: click.Context, corpus_dir: Path, index_dir: Path, quiet: bool) -> None:
    """Add the documents of CORPUS_DIR that are new or changed; unchanged ones are not re-embedded.

    \b
    Example:
        claimcheck index add newsroom-docs --index output/index
    """
    from claimcheck.corpus import load_corpus
    from claimcheck.embedding import load_embedder
    from claimcheck.index import add_to_index
    from claimcheck.preflight import check_corpus_dir

    check_corpus_dir(corpus_dir)
    settings = settings_from(ctx)
    docs = load_corpus(corpus_dir, settings.max_document_bytes)
    embedder = load_embedder(settings)
    with terminal_progress(quiet=quiet) as progress:
        loaded, added = add_to_index(docs, embedder, settings, index_dir, progress=progress)
    click.echo(f"Embedded {added} new passages; the index now holds {len(loaded.passages)} passages")


@index.command("remove")
@click.argument("doc_ids", nargs=-1, required=True)
@index_option
@click.pass_context
@friendly_errors
def index_remove(ctx: click.Context, doc_ids: tuple[str, ...], index_dir: Path) -> None:
    """Drop documents (by doc_id: the jsonl id or the path relative to the corpus) from the index.

    \b
    Example:
        claimcheck index remove meta-10k/fy2023-segments.md --index output/index
    """
    from claimcheck.embedding import load_embedder
    from claimcheck.index import remove_from_index

    settings = settings_from(ctx)
    loaded, removed = remove_from_index(doc_ids, load_embedder(settings), settings, index_dir)
    click.echo(f"Removed {removed} passages; the index now holds {len(loaded.passages)} passages")


@index.command("stats")
@index_option
@click.pass_context
@friendly_errors
def index_stats(ctx: click.Context, index_dir: Path) -> None:
    """Print the index manifest and counts.

    \b
    Example:
        claimcheck index stats --index output/index
    """
    click.echo(load_index(ctx, index_dir).stats().model_dump_json(indent=2))


@index.command("verify")
@index_option
@click.pass_context
@friendly_errors
def index_verify(ctx: click.Context, index_dir: Path) -> None:
    """Read every index file in full and check its size and sha256 against the manifest.

    Opening an index checks sizes and the passages' hash only; this also catches a file changed in place
    (a damaged vector). A mismatch is an error saying how to rebuild.

    \b
    Example:
        claimcheck index verify --index output/index
    """
    from claimcheck.embedding import load_embedder
    from claimcheck.index import verify_index

    settings = settings_from(ctx)
    report = verify_index(index_dir, load_embedder(settings), settings)
    for checked in report.files:
        click.echo(f"ok  {checked.name}  {checked.size} bytes  sha256 {checked.sha256}")
    click.echo(f"{index_dir}: {len(report.files)} files match the manifest ({report.n_passages} passages)")


def search_options(func: F) -> F:
    """The options of `search` and its alias `index search`."""
    func = index_option(func)
    func = click.option("--query", default=None, help="One query text.")(func)
    func = click.option("--queries", type=FILE, default=None, help='JSON lines {"id","text"}.')(func)
    func = click.option("--k", default=10, show_default=True, type=click.IntRange(1, 100))(func)
    func = click.option(
        "--mode",
        type=click.Choice(["dense", "bm25", "hybrid"]),
        default=None,
        help="dense (cosine), bm25 (words) or hybrid (both and figures, fused). Default: the search_mode "
        "setting (hybrid).",
    )(func)
    return json_option(func)


def _search(
    ctx: click.Context,
    index_dir: Path,
    query: str | None,
    queries: Path | None,
    k: int,
    mode: SearchMode | None,
    as_json: bool,
) -> None:
    from claimcheck.inputs import QueryLine, read_queries

    if (query is None) == (queries is None):
        raise click.UsageError("give exactly one of --query TEXT or --queries FILE.jsonl")
    if query is not None and not any(ch.isalnum() for ch in query):
        raise click.UsageError("--query is empty: give the words to search for")
    lines = [QueryLine(id="q1", text=query)] if queries is None else read_queries(queries)
    index = load_index(ctx, index_dir)
    results = index.search_many([q.text for q in lines], k, mode=mode or index.settings.search_mode)
    for line, hits in zip(lines, results, strict=True):
        if as_json:
            emit(SearchLine.of(line.id, hits))
        else:
            for shown in search_text(line.id, line.text, hits):
                click.echo(shown)


@index.command("search")
@search_options
@click.pass_context
@friendly_errors
def index_search(ctx: click.Context, /, **options: Any) -> None:
    """Alias of `claimcheck search`.

    \b
    Example:
        claimcheck index search --index output/index --query "Reality Labs operating loss 2023"
    """
    _search(ctx, **options)


@click.command("search")
@search_options
@click.pass_context
@friendly_errors
def search(ctx: click.Context, /, **options: Any) -> None:
    """Find the passages closest to a query.

    \b
    Example:
        claimcheck search --index output/index --query "Llama 3.1 context length" --k 3
    """
    _search(ctx, **options)
