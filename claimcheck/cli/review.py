"""The `review` commands: list drafts, show one claim, and record an editor's decision."""

from __future__ import annotations

from pathlib import Path

import click

from claimcheck.cli.lines import REVIEW_HEADER, REVIEW_LEGEND, review_text, stale_text
from claimcheck.cli.options import (
    DIRECTORY,
    LABEL_CHOICE,
    decision_options,
    editor_option,
    emit,
    friendly_errors,
    json_option,
    out_option,
    quiet_option,
    settings_from,
)
from claimcheck.models import DecisionAction, Label, VerdictStatus
from claimcheck.review.app import DEFAULT_HOST, DEFAULT_PORT

# `review list --status`: a decision's status, or `orphaned` (its claim vanished from the drafts).
STATUS_CHOICE = click.Choice([status.value for status in VerdictStatus] + ["orphaned"])


@click.group()
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
@click.option("--status", type=STATUS_CHOICE, default=None, help="Only claims with this review status.")
@click.option("--label", type=LABEL_CHOICE, default=None, help="Only claims with this (current) label.")
@click.option(
    "--needs-review/--reviewed-draft",
    "needs_review",
    default=None,
    help="Only drafts flagged for review (marked !), or only those not flagged.",
)
@json_option
@click.pass_context
@friendly_errors
def review_list(
    ctx: click.Context,
    out_dir: Path | None,
    transcript: str | None,
    orphans: bool,
    status: str | None,
    label: str | None,
    needs_review: bool | None,
    as_json: bool,
) -> None:
    """List claims with their draft verdict and review status, one per line under a header; `!` marks
    a draft flagged for review. The first column is the id the other commands take.

    \b
    Example:
        claimcheck review list --status draft --needs-review --transcript sample-meta-open-source
    """
    from claimcheck.review import RowFilter, review_rows

    settings = settings_from(ctx, out_dir=out_dir)
    where = RowFilter(status=status, label=Label(label) if label else None, needs_review=needs_review)
    rows = review_rows(settings.out_dir, transcript=transcript, orphans=orphans, where=where)
    if as_json:
        for row in rows:
            emit(row)
        return
    click.echo(REVIEW_HEADER)
    for row in rows:
        click.echo(review_text(row))
    if any(row.needs_review for row in rows):
        click.echo(REVIEW_LEGEND)


@review.command("stale")
@out_option
@click.option(
    "--corpus", "corpus_dir", type=DIRECTORY, default=None, help="The corpus now. Default: corpus_dir."
)
@click.option(
    "--index", "index_dir", type=DIRECTORY, default=None, help="A prebuilt index of the corpus now."
)
@json_option
@quiet_option
@click.pass_context
@friendly_errors
def review_stale(
    ctx: click.Context,
    out_dir: Path | None,
    corpus_dir: Path | None,
    index_dir: Path | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """Find the approved verdicts a corpus change made stale, send them back to review, and list them.

    A verdict is stale when a document its evidence quotes was removed, superseded (a 10-K/A) or
    replaced, or when the current corpus settles its claim differently. Each is re-drafted, reopened in
    the review store (with the reason in its audit trail) and listed with the evidence the editor
    approved beside the re-draft's. The published site does not change until an editor decides.

    \b
    Example:
        claimcheck review stale --corpus newsroom-corpus
    """
    from claimcheck.progress import terminal_progress
    from claimcheck.sources.stale import check_stale

    if corpus_dir is not None and index_dir is not None:
        raise click.UsageError("give --corpus or --index, not both")
    settings = settings_from(ctx, out_dir=out_dir)
    with terminal_progress(quiet=quiet or as_json) as progress:
        report = check_stale(
            settings.out_dir, settings, corpus_dir=corpus_dir, index_dir=index_dir, progress=progress
        )
    if as_json:
        for record in report.open:
            emit(record)
        return
    for line in stale_text(report.open):
        click.echo(line)
    click.echo(
        f"{report.checked} approved verdicts checked ({report.redrafted} re-drafted against the changed "
        f"corpus), {len(report.flagged)} newly stale and sent back to review; {len(report.open)} stale "
        "verdicts wait for an editor"
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

    settings = settings_from(ctx, out_dir=out_dir)
    click.echo(show_claim(settings.out_dir, claim_id))


def _decide(
    ctx: click.Context,
    action: DecisionAction,
    claim_id: str,
    editor: str,
    out_dir: Path | None,
    *,
    note: str | None,
    label: Label | None = None,
    explanation: str | None = None,
    merge_into: str | None = None,
) -> None:
    """Record one decision and print what the store says it did."""
    from claimcheck.review import decide

    settings = settings_from(ctx, out_dir=out_dir)
    line = decide(
        settings.out_dir,
        claim_id,
        action,
        editor,
        label=label,
        note=note,
        explanation=explanation,
        merge_into=merge_into,
    )
    click.echo(line)


@review.command("set")
@click.argument("claim_id")
@click.option("--verdict", type=LABEL_CHOICE, required=True)
@click.option("--explanation", default=None, help="The card's one-line explanation (also its rationale).")
@decision_options
def review_set(
    ctx: click.Context,
    claim_id: str,
    verdict: str,
    explanation: str | None,
    note: str | None,
    editor: str,
    out_dir: Path | None,
) -> None:
    """Set the verdict of a claim (and approve it), with why: the explanation, else the note, becomes the
    card's rationale when the verdict differs from the draft's (one of them is required).

    \b
    Example:
        claimcheck review set sample/3f2a9c1b0d4e --verdict hype --explanation "FY2022." --editor "A. E."
    """
    if not (explanation or "").strip() and not (note or "").strip():
        raise click.UsageError("say why with --explanation or --note: readers see it on the card")
    _decide(
        ctx,
        DecisionAction.SET_VERDICT,
        claim_id,
        editor,
        out_dir,
        note=note,
        label=Label(verdict),
        explanation=explanation,
    )


@review.command("approve")
@click.argument("claim_id")
@decision_options
def review_approve(
    ctx: click.Context, claim_id: str, note: str | None, editor: str, out_dir: Path | None
) -> None:
    """Approve a claim's verdict for publication.

    \b
    Example:
        claimcheck review approve 3f2a9c1b0d4e --editor "A. Editor"
    """
    _decide(ctx, DecisionAction.APPROVE, claim_id, editor, out_dir, note=note)


@review.command("reject")
@click.argument("claim_id")
@decision_options
def review_reject(
    ctx: click.Context, claim_id: str, note: str | None, editor: str, out_dir: Path | None
) -> None:
    """Reject a claim (not a claim, or not worth checking): it is never published.

    \b
    Example:
        claimcheck review reject 3f2a9c1b0d4e --note "chit-chat" --editor "A. Editor"
    """
    _decide(ctx, DecisionAction.REJECT, claim_id, editor, out_dir, note=note)


@review.command("reopen")
@click.argument("claim_id")
@decision_options
def review_reopen(
    ctx: click.Context, claim_id: str, note: str | None, editor: str, out_dir: Path | None
) -> None:
    """Send a rejected (or approved, or merged) claim back to review. Approving a rejected claim is
    refused: reopen it first.

    \b
    Example:
        claimcheck review reopen 3f2a9c1b0d4e --note "it is a claim after all" --editor "A. Editor"
    """
    _decide(ctx, DecisionAction.REOPEN, claim_id, editor, out_dir, note=note)


@review.command("merge")
@click.argument("claim_id")
@click.option("--into", "into", required=True, help="The claim (same transcript) this one duplicates.")
@decision_options
def review_merge(
    ctx: click.Context, claim_id: str, into: str, note: str | None, editor: str, out_dir: Path | None
) -> None:
    """Merge a duplicate claim into another of the same transcript: the duplicate is rejected, and both
    audit trails say so. `review reopen` undoes it.

    \b
    Example:
        claimcheck review merge 9a0b1c2d3e4f --into 3f2a9c1b0d4e --editor "A. Editor"
    """
    _decide(ctx, DecisionAction.MERGE, claim_id, editor, out_dir, note=note, merge_into=into)


@review.command("serve")
@out_option
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535))
@click.pass_context
@friendly_errors
def review_serve(ctx: click.Context, out_dir: Path | None, host: str, port: int) -> None:
    """Review in the browser: the review app over OUT's drafts and review store, served by waitress.
    On loopback (the default) an editor gives a name once; on any other address editors log in with
    accounts from `review editor add`.

    \b
    Example:
        claimcheck review serve --out output   # then open http://127.0.0.1:8000/
    """
    from claimcheck.review.app.factory import serve
    from claimcheck.review.commands import open_existing_store

    settings = settings_from(ctx, out_dir=out_dir)
    open_existing_store(settings.out_dir).close()  # a mistyped --out fails here, creating nothing
    serve(settings, host, port, echo=lambda line: click.echo(line, err=True))


@review.group("editor")
def review_editor() -> None:
    """Accounts for the review app when it listens beyond loopback.

    \b
    Example:
        claimcheck review editor add "A. Editor" --role publisher && claimcheck review serve --host 0.0.0.0
    """


@review_editor.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["editor", "publisher"]),
    default="editor",
    show_default=True,
    help="An editor reviews; a publisher also publishes the site.",
)
@out_option
@click.password_option(help="Prompted for (twice) unless given; at least 8 characters.")
@click.pass_context
@friendly_errors
def review_editor_add(ctx: click.Context, name: str, role: str, out_dir: Path | None, password: str) -> None:
    """Create an account (or set a new password and role for an existing one). Only a salted hash of
    the password is stored.

    \b
    Example:
        claimcheck review editor add "A. Editor" --role publisher
    """
    from claimcheck.review.app.auth import add_account
    from claimcheck.review.commands import open_existing_store
    from claimcheck.review.records import Role

    settings = settings_from(ctx, out_dir=out_dir)
    with open_existing_store(settings.out_dir) as store:
        add_account(store, name, password, Role(role))
    click.echo(f"{name.strip()}: account saved ({role})")


@review.command("token")
@editor_option
@out_option
@click.pass_context
@friendly_errors
def review_token(ctx: click.Context, editor: str, out_dir: Path | None) -> None:
    """Print a new API token for an editor's account (shown once; only its hash is kept). Send it as
    `Authorization: Bearer TOKEN` to the review app's /api/.

    \b
    Example:
        claimcheck review token --editor "A. Editor"
    """
    from claimcheck.review.app.auth import new_token
    from claimcheck.review.commands import open_existing_store

    settings = settings_from(ctx, out_dir=out_dir)
    with open_existing_store(settings.out_dir) as store:
        click.echo(new_token(store, editor))


@review.command("section")
@click.argument("slug")
@click.argument("name")
@click.option(
    "--file",
    "file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Markdown file with the section's text.",
)
@click.option("--text", default=None, help="The section's markdown (empty clears the section).")
@editor_option
@out_option
@click.pass_context
@friendly_errors
def review_section(
    ctx: click.Context,
    slug: str,
    name: str,
    file: Path | None,
    text: str | None,
    editor: str,
    out_dir: Path | None,
) -> None:
    """Set an editor's section of a page (markdown): the_one_thing, so_what, action_items, …

    \b
    Example:
        claimcheck review section sample-meta-open-source so_what --file so-what.md --editor "A. Editor"
    """
    from claimcheck.review import read_section_file, save_section

    if (file is None) == (text is None):
        raise click.UsageError("give --file or --text, exactly one")
    markdown = read_section_file(file) if file is not None else (text or "")
    settings = settings_from(ctx, out_dir=out_dir)
    click.echo(save_section(settings.out_dir, slug, name, markdown, editor))
