"""Readers for the JSON-lines inputs of `search --queries`, `verify --claims` and `stance --pairs`.

Every problem is an `InputError` naming the file and line: not UTF-8, not JSON (or JSON nested deeper than
the parser recurses), not an object, a missing or empty text (nothing to search, check or read: it would
still get a confident answer), a duplicate id.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from claimcheck.errors import InputError
from claimcheck.text import lone_surrogate


def _not_empty(text: str) -> str:
    if not any(ch.isalnum() for ch in text):
        raise ValueError("is empty (no letter or digit)")
    return text


# A text to search, check or read: at least one letter or digit.
Text = Annotated[str, AfterValidator(_not_empty)]


class QueryLine(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    text: Text


class ClaimLine(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    text: Text
    date: dt.date | None = None


class PairLine(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    premise: Text
    hypothesis: Text


T = TypeVar("T", bound=BaseModel)


def _read_jsonl(path: Path, model: type[T]) -> list[T]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path=path, hint="save the file as UTF-8") from None
    items: list[T] = []
    seen: set[str] = set()
    # lines end at "\n" (and "\r\n") only: a JSON string may hold U+2028 or U+0085 raw, which
    # str.splitlines would also break at
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            data: Any = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON ({exc.msg})", path=path, line=number) from None
        except RecursionError:
            raise InputError(
                "JSON nested too deeply to read", path=path, line=number, hint="each line is one flat object"
            ) from None
        if not isinstance(data, dict):
            raise InputError("each line must be a JSON object", path=path, line=number)
        problem = lone_surrogate(data)
        if problem is not None:
            raise InputError(
                problem,
                path=path,
                line=number,
                hint="write the character itself, or a surrogate pair",
            )
        if "id" in data and not isinstance(data["id"], str):
            data["id"] = str(data["id"])
        try:
            item = model.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            message = str(first["msg"]).removeprefix("Value error, ")
            raise InputError(f"field {field!r}: {message}", path=path, line=number) from None
        key = str(getattr(item, "id", number))
        if key in seen:
            raise InputError(f"duplicate id {key!r}", path=path, line=number)
        seen.add(key)
        items.append(item)
    if not items:
        raise InputError(
            "no lines to process", path=path, hint='one JSON object per line, e.g. {"id": "1", ...}'
        )
    return items


def read_queries(path: Path) -> list[QueryLine]:
    return _read_jsonl(path, QueryLine)


def read_claim_lines(path: Path) -> list[ClaimLine]:
    return _read_jsonl(path, ClaimLine)


def read_pairs(path: Path) -> list[PairLine]:
    return _read_jsonl(path, PairLine)
