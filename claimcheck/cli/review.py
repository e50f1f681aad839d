"""The `review` commands: list drafts, show one claim, and record an editor's decision."""

from __future__ import annotations

from pathlib import Path

import click

from claimcheck.cli.lines import review_text
from claimcheck.cli.options import (
    LABEL_CHOICE,
    decision_options,
    editor_option,
    emit,
    friendly_errors,
    json_option,
    out_option,
    settings_from,
)
from claimcheck.models import DecisionAction, Label


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

    settings = settings_from(ctx, out_dir=out_dir)
    for row in review_rows(settings.out_dir, transcript=transcript, orphans=orphans):
        if as_json:
            emit(row)
        else:
            click.echo(review_text(row))


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
) -> None:
    """Record one decision and print what the store says it did."""
    from claimcheck.review import decide

    settings = settings_from(ctx, out_dir=out_dir)
    click.echo(decide(settings.out_dir, claim_id, action, editor, label=label, note=note))


@review.command("set")
@click.argument("claim_id")
@click.option("--verdict", type=LABEL_CHOICE, required=True)
@click.option(
    "--note",
    required=True,
    help="Why: the explanation readers see on the card (the draft's reasoning no longer fits a new label).",
)
@editor_option
@out_option
@click.pass_context
@friendly_errors
def review_set(
    ctx: click.Context, claim_id: str, verdict: str, note: str, editor: str, out_dir: Path | None
) -> None:
    """Set the verdict of a claim (and approve it), with the explanation readers see.

    \b
    Example:
        claimcheck review set 3f2a9c1b0d4e --verdict hype --note "FY2022 figure" --editor "A. Editor"
    """
    if not note.strip():
        raise click.UsageError("--note must say why: it is the explanation readers see on the card")
    _decide(ctx, DecisionAction.SET_VERDICT, claim_id, editor, out_dir, note=note, label=Label(verdict))


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
