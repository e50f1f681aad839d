"""The one module that reads and writes draft breakdowns (`OUT/drafts/<slug>.json`)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from claimcheck.errors import ClaimcheckError
from claimcheck.fsutil import atomic_write_text
from claimcheck.models import SCHEMA_VERSION, Breakdown
from claimcheck.outdir import DRAFTS_FOLDER


def drafts_dir(out_dir: Path) -> Path:
    return out_dir / DRAFTS_FOLDER


def draft_path(out_dir: Path, slug: str) -> Path:
    return drafts_dir(out_dir) / f"{slug}.json"


def write_draft(out_dir: Path, breakdown: Breakdown) -> Path:
    """Write atomically: an interrupted run leaves the previous draft in place."""
    path = draft_path(out_dir, breakdown.slug)
    atomic_write_text(path, breakdown.model_dump_json(indent=2) + "\n")
    return path


def read_draft(path: Path) -> Breakdown:
    """One draft file; any problem with it (missing, unreadable, not UTF-8, not JSON, another schema) is a
    `ClaimcheckError` naming the file and what to do."""
    rerun = "re-run `claimcheck run` on its transcript, or move the file out of the drafts folder"
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise ClaimcheckError("draft file not found", path=path, hint="run `claimcheck run` first") from None
    except OSError as exc:
        raise ClaimcheckError(f"cannot read the draft: {exc.strerror or exc}", path=path) from None
    except UnicodeDecodeError as exc:
        raise ClaimcheckError(
            f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})",
            path=path,
            hint=rerun,
        ) from None
    except json.JSONDecodeError as exc:
        raise ClaimcheckError(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno, hint=rerun) from None
    except RecursionError:
        raise ClaimcheckError("not a draft: JSON nested too deeply", path=path, hint=rerun) from None
    version = data.get("schema_version") if isinstance(data, dict) else None
    if version != SCHEMA_VERSION:
        raise ClaimcheckError(
            f"schema_version {version!r} is not {SCHEMA_VERSION}",
            path=path,
            hint="re-run `claimcheck run` on its transcript",
        )
    try:
        return Breakdown.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ClaimcheckError(f"invalid draft at {where}: {first['msg']}", path=path) from None


def draft_files(out_dir: Path) -> list[Path]:
    """The draft files of an output folder, sorted by name (none when it has no drafts folder)."""
    folder = drafts_dir(out_dir)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))


def read_all_drafts(out_dir: Path) -> list[Breakdown]:
    """Every draft of an output folder; the first one that cannot be read stops it with an error naming
    it (a caller never goes on with some drafts silently missing)."""
    return [read_draft(p) for p in draft_files(out_dir)]
