"""The `claimcheck` command: each command parses, calls one library function, prints."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from claimcheck.errors import ClaimcheckError
from claimcheck.models import Label
from claimcheck.offline import enable_offline
from claimcheck.settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])

LABEL_CHOICE = click.Choice([label.value for label in Label])


def friendly_errors(func: F) -> F:
    """Library errors become one clear line and a non-zero exit, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ClaimcheckError as exc:
            raise click.ClickException(exc.message()) from None
        except OSError as exc:  # disk full, permission denied… on a path the user chose
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None

    return wrapper  # type: ignore[return-value]


def out_option(func: F) -> F:
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Output folder (drafts, review store, site). Default: ./output",
    )(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")(func)


def _settings(ctx: click.Context, **overrides: Any) -> Settings:
    config = ctx.find_root().params.get("config")
    return load_settings(config, **overrides)


def _emit(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, sort_keys=False))


@click.group()
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Settings file (TOML). Default: ./claimcheck.toml if present.",
)
@click.version_option(package_name="claimcheck")
def cli(config: Path | None) -> None:
    """Fact-check tech interviews against a corpus of primary sources.

    \b
    Example:
        claimcheck run samples/zuck-open-source-ep.txt && claimcheck publish --include-drafts
    """


# ----------------------------------------------------------------------------------------------- index


@cli.group()
def index() -> None:
    """Build and inspect the evidence index.

    \b
    Example:
        claimcheck index build corpora --index output/index
    """


@index.command("build")
@click.argument("corpus_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.pass_context
@friendly_errors
def index_build(ctx: click.Context, corpus_dir: Path, index_dir: Path) -> None:
    """Chunk, embed and write a FAISS index + passages + manifest.

    \b
    Example:
        claimcheck index build corpora --index output/index
    """
    from claimcheck.corpus import load_corpus
    from claimcheck.embedding import load_embedder
    from claimcheck.index import build_index

    settings = _settings(ctx)
    docs = load_corpus(corpus_dir)
    built, _ = build_index(docs, load_embedder(settings), settings, corpus_dir, index_dir)
    click.echo(f"Indexed {len(docs)} documents as {len(built.passages)} passages into {index_dir}")


@index.command("add")
@click.argument("corpus_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.pass_context
@friendly_errors
def index_add(ctx: click.Context, corpus_dir: Path, index_dir: Path) -> None:
    """Add the documents of CORPUS_DIR that are new or changed; unchanged ones are not re-embedded.

    \b
    Example:
        claimcheck index add newsroom-docs --index output/index
    """
    from claimcheck.corpus import load_corpus
    from claimcheck.embedding import load_embedder
    from claimcheck.index import EvidenceIndex

    settings = _settings(ctx)
    loaded = EvidenceIndex.load(index_dir, load_embedder(settings), settings)
    added = loaded.add_documents(load_corpus(corpus_dir))
    loaded.save(index_dir)
    click.echo(f"Embedded {added} new passages; the index now holds {len(loaded.passages)} passages")


@index.command("remove")
@click.argument("doc_ids", nargs=-1, required=True)
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.pass_context
@friendly_errors
def index_remove(ctx: click.Context, doc_ids: tuple[str, ...], index_dir: Path) -> None:
    """Drop documents (by doc_id: the jsonl id or the path relative to the corpus) from the index.

    \b
    Example:
        claimcheck index remove meta-10k/fy2023-segments.md --index output/index
    """
    from claimcheck.embedding import load_embedder
    from claimcheck.index import EvidenceIndex

    settings = _settings(ctx)
    loaded = EvidenceIndex.load(index_dir, load_embedder(settings), settings)
    unknown = [d for d in doc_ids if d not in loaded.manifest.doc_hashes]
    if unknown:
        raise click.ClickException(
            f"{index_dir}: no document {unknown[0]!r} in the index (see `claimcheck index stats`)"
        )
    removed = sum(loaded.remove_document(d) for d in doc_ids)
    loaded.save(index_dir)
    click.echo(f"Removed {removed} passages; the index now holds {len(loaded.passages)} passages")


@index.command("stats")
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.pass_context
@friendly_errors
def index_stats(ctx: click.Context, index_dir: Path) -> None:
    """Print the index manifest and counts.

    \b
    Example:
        claimcheck index stats --index output/index
    """
    from claimcheck.embedding import load_embedder
    from claimcheck.index import EvidenceIndex

    settings = _settings(ctx)
    loaded = EvidenceIndex.load(index_dir, load_embedder(settings), settings)
    click.echo(loaded.stats().model_dump_json(indent=2))


def _search_options(func: F) -> F:
    func = click.option(
        "--index", "index_dir", type=click.Path(file_okay=False, path_type=Path), required=True
    )(func)
    func = click.option("--query", default=None, help="One query text.")(func)
    func = click.option(
        "--queries",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help='JSON lines {"id","text"}.',
    )(func)
    func = click.option("--k", default=10, show_default=True, type=click.IntRange(1, 100))(func)
    return json_option(func)


def _do_search(
    ctx: click.Context, index_dir: Path, query: str | None, queries: Path | None, k: int, as_json: bool
) -> None:
    from claimcheck.embedding import load_embedder
    from claimcheck.index import EvidenceIndex
    from claimcheck.inputs import QueryLine, read_queries

    if (query is None) == (queries is None):
        raise click.UsageError("give exactly one of --query TEXT or --queries FILE.jsonl")
    lines = [QueryLine(id="q1", text=query)] if query is not None else read_queries(queries)  # type: ignore[arg-type]
    settings = _settings(ctx)
    loaded = EvidenceIndex.load(index_dir, load_embedder(settings), settings)
    results = loaded.search_many([q.text for q in lines], k)
    for line, hits in zip(lines, results, strict=True):
        if as_json:
            _emit(
                {
                    "id": line.id,
                    "hits": [
                        {
                            "passage_id": h.passage.passage_id,
                            "doc_id": h.passage.doc_id,
                            "text": h.passage.text,
                            "quote": h.passage.raw_text,
                            "score": round(h.score, 4),
                            "citation": h.passage.citation.model_dump(mode="json"),
                        }
                        for h in hits
                    ],
                }
            )
            continue
        click.echo(f"# {line.id}: {line.text}")
        for rank, h in enumerate(hits, start=1):
            cite = h.passage.citation
            where = ", ".join(
                x for x in (cite.company, cite.period, cite.section, _page(cite.page, cite.printed_page)) if x
            )
            click.echo(f"{rank:>2}. {h.score:.3f}  {cite.title} — {where}")
            click.echo(f"    {_short(h.passage.raw_text)}")


def _page(page: int | None, printed: str | None = None) -> str | None:
    if page is None:
        return None
    return f"page {page}" + (f" (printed {printed})" if printed else "")


def _short(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@index.command("search")
@_search_options
@click.pass_context
@friendly_errors
def index_search(
    ctx: click.Context, index_dir: Path, query: str | None, queries: Path | None, k: int, as_json: bool
) -> None:
    """Alias of `claimcheck search`.

    \b
    Example:
        claimcheck index search --index output/index --query "Reality Labs operating loss 2023"
    """
    _do_search(ctx, index_dir, query, queries, k, as_json)


@cli.command("search")
@_search_options
@click.pass_context
@friendly_errors
def search(
    ctx: click.Context, index_dir: Path, query: str | None, queries: Path | None, k: int, as_json: bool
) -> None:
    """Find the passages closest to a query.

    \b
    Example:
        claimcheck search --index output/index --query "Llama 3.1 context length" --k 3
    """
    _do_search(ctx, index_dir, query, queries, k, as_json)


# ------------------------------------------------------------------------------------------------- run


def nli_option(func: F) -> F:
    return click.option(
        "--nli-model",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Local cross-encoder folder to use instead of the shipped verifier (labels from config.json).",
    )(func)


def _corpus_or_index(func: F) -> F:
    func = click.option(
        "--corpus",
        "corpus_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Corpus folder to index (cached under OUT/.index). Default: the shipped corpus.",
    )(func)
    return click.option(
        "--index",
        "index_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="A prebuilt index (from `claimcheck index build`).",
    )(func)


@cli.command("run")
@click.argument("transcripts", nargs=-1, required=True, type=click.Path(path_type=Path))
@_corpus_or_index
@out_option
@nli_option
@json_option
@click.pass_context
@friendly_errors
def run(
    ctx: click.Context,
    transcripts: tuple[Path, ...],
    corpus_dir: Path | None,
    index_dir: Path | None,
    out_dir: Path | None,
    nli_model: Path | None,
    as_json: bool,
) -> None:
    """Read, segment, retrieve and judge; write OUT/drafts/<slug>.json per transcript.

    One bad transcript does not stop the others; the exit code is 1 if any failed.

    \b
    Example:
        claimcheck run samples/zuck-open-source-ep.txt --out output
    """
    from claimcheck.pipeline import Engine, run_batch

    if corpus_dir is not None and index_dir is not None:
        raise click.UsageError("give --corpus or --index, not both")
    settings = _settings(ctx, out_dir=out_dir, nli_model=nli_model)
    engine = Engine.load(settings, corpus_dir=corpus_dir, index_dir=index_dir)
    report = run_batch(list(transcripts), engine, settings.out_dir)
    for result in report.results:
        if as_json:
            _emit(result.model_dump(mode="json"))
        elif result.ok:
            extra = f", {result.reattached} decisions re-attached" if result.reattached else ""
            extra += (
                f", {result.orphaned} orphaned (see `claimcheck review list --orphans`)"
                if result.orphaned
                else ""
            )
            click.echo(f"{result.path}: {result.claims} claims → {result.draft_path}{extra}")
        else:
            click.echo(f"Error: {result.error}", err=True)
    if not report.ok:
        sys.exit(1)


# ---------------------------------------------------------------------------------------------- claims


@cli.command("claims")
@click.argument("transcript", type=click.Path(path_type=Path))
@click.option("--all", "include_all", is_flag=True, help="Also list sentences judged not to be claims.")
@json_option
@click.pass_context
@friendly_errors
def claims(ctx: click.Context, transcript: Path, include_all: bool, as_json: bool) -> None:
    """Segment a transcript into claims (no retrieval, no verdicts).

    \b
    Example:
        claimcheck claims samples/zuck-open-source-ep.txt --all --json
    """
    from claimcheck.claims import extract_claims, load_nlp
    from claimcheck.transcripts import read_transcript

    settings = _settings(ctx)
    parsed = read_transcript(transcript, settings)
    for warning in parsed.warnings:
        click.echo(f"Warning: {warning}", err=True)
    found = extract_claims(parsed, load_nlp(), settings, include_all=include_all)
    for claim in found:
        if as_json:
            _emit(
                {
                    "id": claim.id,
                    "text": claim.text,
                    "quote": claim.quote,
                    "speaker": claim.speaker,
                    "start": claim.start,
                    "end": claim.end,
                    "occurrences": [o.model_dump(mode="json") for o in claim.occurrences],
                    "type": claim.type.value,
                    "checkworthiness": round(claim.checkworthiness, 4),
                    "is_claim": claim.is_claim,
                }
            )
        else:
            mark = "✓" if claim.is_claim else " "
            click.echo(
                f"{mark} {claim.checkworthiness:.2f} [{claim.type.value}] {claim.speaker}: {claim.text}"
            )


# ---------------------------------------------------------------------------------------------- verify


@cli.command("verify")
@click.option("--claims", "claims_file", type=click.Path(dir_okay=False, path_type=Path), required=True)
@_corpus_or_index
@nli_option
@json_option
@click.pass_context
@friendly_errors
def verify(
    ctx: click.Context,
    claims_file: Path,
    corpus_dir: Path | None,
    index_dir: Path | None,
    nli_model: Path | None,
    as_json: bool,
) -> None:
    """Verdicts for bare claims, one JSON object {"id","text"} (optional "date") per line.

    \b
    Example:
        claimcheck verify --corpus corpora --claims my-claims.jsonl --json
    """
    from claimcheck.inputs import read_claim_lines
    from claimcheck.pipeline import Engine, verify_claims

    if corpus_dir is not None and index_dir is not None:
        raise click.UsageError("give --corpus or --index, not both")
    lines = read_claim_lines(claims_file)
    engine = Engine.load(_settings(ctx, nli_model=nli_model), corpus_dir=corpus_dir, index_dir=index_dir)
    for line, draft in zip(lines, verify_claims(lines, engine), strict=True):
        record = {
            "id": line.id,
            "label": draft.label.value,
            "confidence": draft.confidence,
            "needs_review": draft.needs_review,
            "rationale": draft.rationale,
            "evidence": [
                {
                    "doc_id": e.passage.doc_id,
                    "passage_id": e.passage.passage_id,
                    "quote": e.quote,
                    "citation": e.passage.citation.model_dump(mode="json"),
                }
                for e in draft.evidence
            ],
        }
        if as_json:
            _emit(record)
        else:
            click.echo(f"{line.id}: {draft.label.display} ({draft.confidence:.2f}) — {draft.rationale}")


# ---------------------------------------------------------------------------------------------- stance


@cli.command("stance")
@click.option("--pairs", "pairs_file", type=click.Path(dir_okay=False, path_type=Path), required=True)
@nli_option
@json_option
@friendly_errors
def stance(pairs_file: Path, nli_model: Path | None, as_json: bool) -> None:
    """Score (premise, hypothesis) pairs with the verifier: supports / neutral / contradicts.

    Input lines are {"id","premise","hypothesis"}; output lines {"id","label","probs":{…}}.

    \b
    Example:
        claimcheck stance --pairs pairs.jsonl --json
    """
    from claimcheck.inputs import read_pairs
    from claimcheck.verify.stance import STANCE_ORDER, load_verifier, stance_label

    lines = read_pairs(pairs_file)
    verifier = load_verifier(nli_model)
    probs = verifier.score([(line.premise, line.hypothesis) for line in lines])
    for line, row in zip(lines, probs, strict=True):
        label = stance_label(row)
        if as_json:
            _emit(
                {
                    "id": line.id,
                    "label": label.value,
                    "probs": {s.value: round(float(p), 4) for s, p in zip(STANCE_ORDER, row, strict=True)},
                }
            )
        else:
            shown = ", ".join(f"{s.value} {float(p):.2f}" for s, p in zip(STANCE_ORDER, row, strict=True))
            click.echo(f"{line.id}: {label.value} ({shown})")


# ---------------------------------------------------------------------------------------------- review


def _editor_option(func: F) -> F:
    return click.option(
        "--editor",
        envvar="CLAIMCHECK_EDITOR",
        required=True,
        help="Who is deciding (or set CLAIMCHECK_EDITOR).",
    )(func)


@cli.group()
def review() -> None:
    """List drafts and record editor decisions (kept in OUT/claimcheck.sqlite with an audit log).

    \b
    Example:
        claimcheck review list && claimcheck review approve 3f2a9c1b0d4e --editor "A. Editor"
    """


@review.command("list")
@out_option
@click.option("--transcript", default=None, help="Only this transcript's slug.")
@click.option("--orphans", is_flag=True, help="List decisions whose claim disappeared on a re-run.")
@json_option
@click.pass_context
@friendly_errors
def review_list(
    ctx: click.Context, out_dir: Path | None, transcript: str | None, orphans: bool, as_json: bool
) -> None:
    """List claims with their draft verdict and review status.

    \b
    Example:
        claimcheck review list --transcript sample-meta-open-source
    """
    from claimcheck.review import review_rows

    settings = _settings(ctx, out_dir=out_dir)
    for row in review_rows(settings.out_dir, transcript=transcript, orphans=orphans):
        if as_json:
            _emit(row.model_dump(mode="json"))
        else:
            flag = "!" if row.needs_review else " "
            click.echo(
                f"{row.claim_id}  {row.status:<8} {flag} {row.label_display:<14} "
                f"{row.transcript_id}  {_short(row.text, 90)}"
            )


@review.command("show")
@click.argument("claim_id")
@out_option
@click.pass_context
@friendly_errors
def review_show(ctx: click.Context, claim_id: str, out_dir: Path | None) -> None:
    """Show one claim: draft, evidence, decision and its audit trail.

    \b
    Example:
        claimcheck review show 3f2a9c1b0d4e
    """
    from claimcheck.review import show_claim

    settings = _settings(ctx, out_dir=out_dir)
    click.echo(show_claim(settings.out_dir, claim_id))


@review.command("set")
@click.argument("claim_id")
@click.option("--verdict", type=LABEL_CHOICE, required=True)
@click.option("--note", default=None)
@_editor_option
@out_option
@click.pass_context
@friendly_errors
def review_set(
    ctx: click.Context, claim_id: str, verdict: str, note: str | None, editor: str, out_dir: Path | None
) -> None:
    """Set the verdict of a claim (and approve it).

    \b
    Example:
        claimcheck review set 3f2a9c1b0d4e --verdict hype --note "FY2022 figure" --editor "A. Editor"
    """
    from claimcheck.models import DecisionAction
    from claimcheck.review import decide

    settings = _settings(ctx, out_dir=out_dir)
    click.echo(
        decide(
            settings.out_dir, claim_id, DecisionAction.SET_VERDICT, editor, label=Label(verdict), note=note
        )
    )


@review.command("approve")
@click.argument("claim_id")
@click.option("--note", default=None)
@_editor_option
@out_option
@click.pass_context
@friendly_errors
def review_approve(
    ctx: click.Context, claim_id: str, note: str | None, editor: str, out_dir: Path | None
) -> None:
    """Approve a claim's verdict for publication.

    \b
    Example:
        claimcheck review approve 3f2a9c1b0d4e --editor "A. Editor"
    """
    from claimcheck.models import DecisionAction
    from claimcheck.review import decide

    settings = _settings(ctx, out_dir=out_dir)
    click.echo(decide(settings.out_dir, claim_id, DecisionAction.APPROVE, editor, note=note))


@review.command("reject")
@click.argument("claim_id")
@click.option("--note", default=None)
@_editor_option
@out_option
@click.pass_context
@friendly_errors
def review_reject(
    ctx: click.Context, claim_id: str, note: str | None, editor: str, out_dir: Path | None
) -> None:
    """Reject a claim (not a claim, or not worth checking): it is never published.

    \b
    Example:
        claimcheck review reject 3f2a9c1b0d4e --note "chit-chat" --editor "A. Editor"
    """
    from claimcheck.models import DecisionAction
    from claimcheck.review import decide

    settings = _settings(ctx, out_dir=out_dir)
    click.echo(decide(settings.out_dir, claim_id, DecisionAction.REJECT, editor, note=note))


# --------------------------------------------------------------------------------------------- publish


@cli.command("publish")
@out_option
@click.option(
    "--include-drafts", is_flag=True, help="Also show unreviewed drafts; pages are marked draft + noindex."
)
@click.pass_context
@friendly_errors
def publish(ctx: click.Context, out_dir: Path | None, include_drafts: bool) -> None:
    """Render every breakdown to OUT/site/<slug>.html plus OUT/site/index.html.

    \b
    Example:
        claimcheck publish --out output
    """
    from claimcheck.publish import publish_site

    settings = _settings(ctx, out_dir=out_dir)
    written = publish_site(settings, include_drafts=include_drafts)
    for path in written:
        if path.suffix == ".html":
            click.echo(str(path))


@cli.command("schema")
def schema() -> None:
    """Print the JSON Schema of the breakdown file (drafts and published pages).

    \b
    Example:
        claimcheck schema > breakdown.schema.json
    """
    from claimcheck.models import Breakdown

    click.echo(json.dumps(Breakdown.model_json_schema(), indent=2))


@cli.command("demo")
@out_option
@click.pass_context
@friendly_errors
def demo(ctx: click.Context, out_dir: Path | None) -> None:
    """Run the whole job on the shipped sample: draft, apply the sample editor decisions, publish.

    \b
    Example:
        claimcheck demo --out output
    """
    from claimcheck.demo import run_demo

    settings = _settings(ctx, out_dir=out_dir)
    for line in run_demo(settings, echo=lambda s: click.echo(s, err=True)):
        click.echo(line)


def main() -> None:
    enable_offline()
    cli(prog_name="claimcheck")
