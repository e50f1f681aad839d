"""Rendering the site in memory (phase 2a): the jinja2 environment and every file of the site.

Each page template renders exactly one documented context object:

- `breakdown.html` gets `site: SiteContext`, `page: PageContext`, `is_draft: bool`, `canonical: str | None`;
- `index.html`, `methodology.html`, `corrections.html` get `site`, `is_draft` and `canonical`;
- `entity.html` (a page per person and company) gets those plus `entity: EntityPage`;
- `feed.xml` (Atom) and `sitemap.xml` get `site` (written only when the build has no drafts; the sitemap
  only with a base URL, since it lists absolute URLs);
- partials (`_card.html`, `_badge.html`, `_citation.html`, …) are included from those and see the same names
  plus their loop variable (`card`, `badge`, `evidence`).

Templates are looked up first in `Settings.templates_override` (a newsroom's restyle), then in the built-in
folder, so overriding one partial is enough. Output is deterministic: same input, same bytes.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from pydantic import BaseModel, ConfigDict

from claimcheck.errors import ClaimcheckError
from claimcheck.publish.types import SiteContext
from claimcheck.publish.urls import join_url
from claimcheck.settings import Settings

STYLESHEET = "style.css"


class SiteFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str  # file name inside the site folder
    text: str


def make_environment(settings: Settings) -> Environment:
    """Autoescaped jinja2, searching the override folder (if any) before the built-in templates."""
    folders: list[Path] = []
    if settings.templates_override is not None:
        folders.append(settings.templates_override)
    folders.append(settings.templates_dir)
    for folder in folders:
        if not folder.is_dir():
            raise ClaimcheckError(
                "template folder not found", path=folder, hint="--templates must name an existing folder"
            )
    loaders: list[BaseLoader] = [FileSystemLoader(str(folder)) for folder in folders]
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,  # a typo in an override template fails the build, not the page
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_site(context: SiteContext, settings: Settings) -> list[SiteFile]:
    """Every file of the site, rendered in memory, sorted by name."""
    env = make_environment(settings)
    draft = context.is_draft
    files = [SiteFile(name=STYLESHEET, text=_source(env, STYLESHEET))]

    def page_file(name: str, template: str, **values: object) -> None:
        canonical = join_url(context.site_url, name)
        files.append(
            SiteFile(name=name, text=_render(env, template, site=context, canonical=canonical, **values))
        )

    page_file("index.html", "index.html", is_draft=draft)
    page_file("methodology.html", "methodology.html", is_draft=draft)
    page_file("corrections.html", "corrections.html", is_draft=draft)
    for entity in [*context.people, *context.companies]:
        page_file(entity.filename, "entity.html", entity=entity, is_draft=draft)
    for page in context.pages:
        page_file(page.filename, "breakdown.html", page=page, is_draft=page.is_draft)
        files.append(SiteFile(name=f"{page.slug}.json", text=page.published.model_dump_json(indent=2) + "\n"))
    if not draft:  # a draft build is for the newsroom: no feed or sitemap announces it
        files.append(SiteFile(name="feed.xml", text=_render(env, "feed.xml", site=context)))
        if context.site_url:  # the sitemap protocol takes absolute URLs only: it needs --base-url
            files.append(SiteFile(name="sitemap.xml", text=_render(env, "sitemap.xml", site=context)))
    return sorted(files, key=lambda f: f.name)


def _render(env: Environment, name: str, **values: object) -> str:
    try:
        # Templates drop their final newline when rendered; put one back so every file ends cleanly.
        return env.get_template(name).render(**values) + "\n"
    except TemplateNotFound as exc:
        raise ClaimcheckError(f"template {exc.name!r} not found", hint=_search_hint(env)) from None
    except TemplateSyntaxError as exc:
        raise ClaimcheckError(f"template syntax: {exc.message}", path=exc.filename, line=exc.lineno) from None
    except TemplateError as exc:
        raise ClaimcheckError(f"template {name!r} failed: {exc}", hint=_search_hint(env)) from None


def _source(env: Environment, name: str) -> str:
    if env.loader is None:
        raise ClaimcheckError("the template environment has no loader", hint="build it with make_environment")
    try:
        source, _filename, _uptodate = env.loader.get_source(env, name)
    except TemplateNotFound:
        raise ClaimcheckError(f"{name!r} not found in the template folders", hint=_search_hint(env)) from None
    return source


def _search_hint(env: Environment) -> str:
    folders: list[str] = []
    if isinstance(env.loader, ChoiceLoader):
        for loader in env.loader.loaders:
            if isinstance(loader, FileSystemLoader):
                folders.extend(str(p) for p in loader.searchpath)
    return "searched " + ", ".join(folders)
