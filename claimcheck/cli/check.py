"""The checking commands: `run` (transcripts to drafts), `claims` (segmentation alone), `verify` (bare
claims) and `stance` (the verifier model alone)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimcheck.cli.lines import (
    ClaimLine,
    StanceLine,
    VerdictLine,
    claim_text,
    run_text,
    stance_text,
    verdict_text,
)
from claimcheck.cli.options import (
    FILE,
    corpus_or_index,
    emit,
    friendly_errors,
    json_option,
    nli_option,
    out_option,
    quiet_option,
    settings_from,
)
from claimcheck.progress import terminal_progress


@click.command("run")
@click.argument("transcripts", nargs=-1, required=True, type=click.Path(path_type=Path))
@corpus_or_index
@out_option
@nli_option
@click.option(
    "--replace",
    is_flag=True,
    help="Let a transcript replace the drafts another transcript wrote under the same slug.",
)
@json_option
@quiet_option
@click.pass_context
@friendly_errors
def run(
    ctx: click.Context,
    transcripts: tuple[Path, ...],
    corpus_dir: Path | None,
    index_dir: Path | None,
    out_dir: Path | None,
    nli_model: Path | None,
    replace: bool,
    as_json: bool,
    quiet: bool,
) -> None:
    """Read, segment, retrieve and judge; write OUT/drafts/<slug>.json per transcript.

    One bad transcript does not stop the others; the exit code is 1 if any failed. A slug already holding
    another transcript's drafts (another path and content) is an error unless --replace; the slugs
    `index` and `style` belong to the site. What the reader worked around is printed as warnings on
    stderr and kept on the draft. On a terminal, progress bars with an estimate of the time left are drawn
    on stderr (--quiet: none).

    \b
    Example:
        claimcheck run samples/zuck-open-source-ep.txt --out output
    """
    from claimcheck.batch import run_transcripts

    settings = settings_from(ctx, out_dir=out_dir, nli_model=nli_model)
    with terminal_progress(quiet=quiet, as_json=as_json) as progress:
        report = run_transcripts(
            list(transcripts),
            settings,
            corpus_dir=corpus_dir,
            index_dir=index_dir,
            replace=replace,
            progress=progress,
        )
    for result in report.results:
        for warning in result.warnings:
            click.echo(f"Warning: {result.path}: {warning}", err=True)
        if as_json:
            emit(result)
        else:
            click.echo(run_text(result), err=not result.ok)
    if not report.ok:
        sys.exit(1)


@click.command("claims")
@click.argument("transcript", type=click.Path(path_type=Path))
@click.option("--all", "include_all", is_flag=True, help="Also list sentences judged not to be claims.")
@corpus_or_index
@json_option
@quiet_option
@click.pass_context
@friendly_errors
def claims(
    ctx: click.Context,
    transcript: Path,
    include_all: bool,
    corpus_dir: Path | None,
    index_dir: Path | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """Segment a transcript into claims (no retrieval, no verdicts). The corpus (--corpus or --index, else
    the shipped one) is read only for its companies' names, so the claims are worded as `run` words them;
    the embedding model is loaded for the learnt claim filter, so the same sentences are claims as in `run`.

    \b
    Example:
        claimcheck claims samples/zuck-open-source-ep.txt --all --json
    """
    from claimcheck.claims import extract_claims, load_nlp
    from claimcheck.claims.aliases import CorpusOwners, ModelAliases
    from claimcheck.companies import company_keys
    from claimcheck.corpus import load_corpus
    from claimcheck.embedding import load_embedder
    from claimcheck.index.storage import read_passages
    from claimcheck.transcripts import read_transcript

    settings = settings_from(ctx)
    parsed = read_transcript(transcript, settings)
    for warning in parsed.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if index_dir is not None:
        passages = read_passages(index_dir)
        companies = company_keys(p.citation.company for p in passages)
        texts = [(p.doc_id, p.raw_text) for p in passages]
        printers = [(p.citation.company, p.raw_text) for p in passages]
    else:
        docs = load_corpus(corpus_dir or settings.corpus_dir, settings.max_document_bytes)
        companies = company_keys(d.citation.company for d in docs)
        texts = [(d.doc_id, d.raw) for d in docs]
        printers = [(d.citation.company, d.raw) for d in docs]
    aliases = ModelAliases.from_texts(
        texts, share=settings.alias_share, min_documents=settings.alias_min_documents
    )
    owners = CorpusOwners.from_texts(printers, min_mentions=settings.corpus_owner_min_mentions)
    with terminal_progress(quiet=quiet, as_json=as_json) as progress:
        found = extract_claims(
            parsed,
            load_nlp(),
            settings,
            include_all=include_all,
            progress=progress,
            corpus_companies=companies,
            corpus_sizes=aliases.sizes,
            corpus_owner=owners.owner,
            embedder=load_embedder(settings),
        )
    for claim in found:
        if as_json:
            emit(ClaimLine.of(claim))
        else:
            click.echo(claim_text(claim))


@click.command("verify")
@click.option(
    "--claims",
    "claims_file",
    type=FILE,
    required=True,
    help='JSON lines {"id","text"} (optional "date"). A text may say what its pronouns mean in brackets, '
    '"It [Northwind] had …": it is checked as written.',
)
@click.option(
    "--entity",
    "entities",
    multiple=True,
    metavar="NAME",
    help="Whom the claims are about when one names no one, as a transcript's front-matter entities "
    '(repeatable): --entity Meta. A claim whose "it" or "they" stays unresolved is not checked.',
)
@corpus_or_index
@nli_option
@json_option
@quiet_option
@click.pass_context
@friendly_errors
def verify(
    ctx: click.Context,
    claims_file: Path,
    entities: tuple[str, ...],
    corpus_dir: Path | None,
    index_dir: Path | None,
    nli_model: Path | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """Verdicts for bare claims, one JSON object {"id","text"} (optional "date") per line.

    \b
    Example:
        claimcheck verify --corpus corpora --claims my-claims.jsonl --entity Meta --json
    """
    from claimcheck.inputs import read_claim_lines
    from claimcheck.preflight import check_engine_paths

    lines = read_claim_lines(claims_file)
    settings = settings_from(ctx, nli_model=nli_model)
    check_engine_paths(settings, corpus_dir=corpus_dir, index_dir=index_dir)
    from claimcheck.pipeline import Engine, verify_claims  # heavy: only once the inputs are known good

    with terminal_progress(quiet=quiet, as_json=as_json) as progress:
        engine = Engine.load(settings, corpus_dir=corpus_dir, index_dir=index_dir, progress=progress)
        drafts = verify_claims(lines, engine, entities, progress)
    for line, draft in zip(lines, drafts, strict=True):
        if as_json:
            emit(VerdictLine.of(line.id, draft))
        else:
            click.echo(verdict_text(line.id, draft))


@click.command("stance")
@click.option("--pairs", "pairs_file", type=FILE, required=True)
@nli_option
@json_option
@quiet_option
@friendly_errors
def stance(pairs_file: Path, nli_model: Path | None, as_json: bool, quiet: bool) -> None:
    """Score (premise, hypothesis) pairs with the verifier: supports / neutral / contradicts.

    Input lines are {"id","premise","hypothesis"}; output lines {"id","label","probs":{…},"truncated"}.

    \b
    Example:
        claimcheck stance --pairs pairs.jsonl --json
    """
    from claimcheck.inputs import read_pairs
    from claimcheck.verify.stance import STANCE_ORDER, load_verifier, score_in_steps, stance_label

    lines = read_pairs(pairs_file)
    verifier = load_verifier(nli_model)
    pairs = [(line.premise, line.hypothesis) for line in lines]
    fitted = verifier.fit(pairs)
    with terminal_progress(quiet=quiet, as_json=as_json) as progress:
        scored = score_in_steps(verifier, pairs, progress)
    for line, row, pair in zip(lines, scored, fitted, strict=True):
        label = stance_label(row)
        probs = {s: float(p) for s, p in zip(STANCE_ORDER, row, strict=True)}
        if as_json:
            emit(StanceLine.of(line.id, label, probs, truncated=pair.cut))
        else:
            click.echo(stance_text(line.id, label, probs, truncated=pair.cut))
