"""The output commands: `publish` (the site), `schema` (the breakdown file's JSON Schema) and `demo`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from claimcheck.cli.options import DIRECTORY, friendly_errors, out_option, settings_from


@click.command("publish")
@out_option
@click.option(
    "--include-drafts", is_flag=True, help="Also show unreviewed drafts; pages are marked draft + noindex."
)
@click.option(
    "--base-url",
    default=None,
    help="Public URL the site is served from (canonical links, feed, sitemap, ClaimReview urls).",
)
@click.option(
    "--templates",
    "templates",
    type=DIRECTORY,
    default=None,
    help="Folder of templates searched before the built-in ones (override any page or partial).",
)
@click.pass_context
@friendly_errors
def publish(
    ctx: click.Context,
    out_dir: Path | None,
    include_drafts: bool,
    base_url: str | None,
    templates: Path | None,
) -> None:
    """Render every breakdown to OUT/site/<slug>.html, with the index, a page per person and company,
    the methodology and corrections pages, feed.xml and sitemap.xml.

    \b
    Example:
        claimcheck publish --out output --base-url https://checks.example.org/ --templates my-templates
    """
    from claimcheck.publish import publish_site

    settings = settings_from(ctx, out_dir=out_dir, site_url=base_url, templates_override=templates)
    for path in publish_site(settings, include_drafts=include_drafts):
        if path.suffix == ".html":
            click.echo(str(path))


@click.command("schema")
def schema() -> None:
    """Print the JSON Schema of the breakdown file (drafts and published pages).

    \b
    Example:
        claimcheck schema > breakdown.schema.json
    """
    from claimcheck.models import Breakdown

    click.echo(json.dumps(Breakdown.model_json_schema(), indent=2))


@click.command("demo")
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

    settings = settings_from(ctx, out_dir=out_dir)
    for line in run_demo(settings, echo=lambda s: click.echo(s, err=True)):
        click.echo(line)
