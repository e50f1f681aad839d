"""The editor's sections of a breakdown page: markdown kept in the review store, one per (page, name).

`SECTION_NAMES` lists the sections a page has; `get_sections` reads a page's, `set_section` writes one
(empty text clears it) with an audit row. The page renders them from sanitised markdown and omits the
empty ones; for `whats_real` and `whats_hype` the editor's text replaces the prose generated from the cards.
"""

from __future__ import annotations

from pathlib import Path

from claimcheck.errors import InputError, ReviewError
from claimcheck.review.store import ReviewStore

# The editable sections of a page, in page order. `dek` is the one-line thesis under the title.
SECTION_NAMES: tuple[str, ...] = (
    "the_one_thing",
    "so_what",
    "action_items",
    "workflow_idea",
    "what_they_missed",
    "context_connections",
    "tools_mentioned",
    "further_reading",
    "whats_real",
    "whats_hype",
    "dek",
)
# Longest section an editor may store, in characters: the seed's longest section is about 1,300
# characters; 20,000 leaves room for a long essay and keeps a pasted file from filling a page by mistake.
MAX_SECTION_CHARS = 20_000


def get_sections(store: ReviewStore, slug: str) -> dict[str, str]:
    """The editor's sections of the page `slug`, by name (names with no text are absent)."""
    return {name: text for name, text in store.sections(slug).items() if name in SECTION_NAMES}


def set_section(store: ReviewStore, slug: str, name: str, markdown: str, editor: str) -> None:
    """Set the section `name` of page `slug` to `markdown` (empty clears it), recording who did it."""
    if name not in SECTION_NAMES:
        raise ReviewError(f"unknown section {name!r}", hint="one of: " + ", ".join(SECTION_NAMES))
    if not editor.strip():
        raise ReviewError("an editor name is required", hint="pass --editor NAME")
    if not slug.strip():
        raise ReviewError("a page slug is required", hint="run `claimcheck review list` to see slugs")
    if "\x00" in markdown:
        raise ReviewError(f"section {name!r} holds a NUL character", hint="save the text as plain UTF-8")
    if len(markdown) > MAX_SECTION_CHARS:
        raise ReviewError(
            f"section {name!r} is {len(markdown):,} characters, over the {MAX_SECTION_CHARS:,} allowed",
            hint="shorten it",
        )
    text = markdown.replace("\r\n", "\n").strip()
    if text and slug not in store.transcript_ids():
        raise ReviewError(
            f"no breakdown {slug!r} in the review store", hint="run `claimcheck review list` to see slugs"
        )
    store.write_section(slug, name, text, editor.strip())


def read_section_file(path: Path) -> str:
    """A section's markdown from a UTF-8 file; an unreadable or non-UTF-8 file is a clear error."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", path=path, line=line, hint="save it as UTF-8"
        ) from None


def save_section(out_dir: Path, slug: str, name: str, markdown: str, editor: str) -> str:
    """`review section`: set one section in the output folder's store; returns a one-line confirmation."""
    from claimcheck.review.commands import open_existing_store

    with open_existing_store(out_dir) as store:
        before = store.sections(slug).get(name)
        set_section(store, slug, name, markdown, editor)
        after = store.sections(slug).get(name)
    if before == after:
        return f"{slug}/{name}: unchanged"
    return (
        f"{slug}/{name}: {'cleared' if after is None else f'{len(after):,} characters'} (by {editor.strip()})"
    )
