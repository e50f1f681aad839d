"""The library's own errors. Only the CLI turns them into messages."""

from __future__ import annotations

from pathlib import Path


class ClaimcheckError(Exception):
    """An error a user can act on: which file, which line, what is wrong, what to do."""

    def __init__(
        self,
        reason: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.reason = reason
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint
        super().__init__(self.message())

    def message(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        text = f"{where}{self.reason}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class TranscriptError(ClaimcheckError):
    """A transcript that cannot be read."""


class CorpusError(ClaimcheckError):
    """A corpus file that cannot be loaded."""


class IndexError_(ClaimcheckError):
    """An index on disk that is missing, corrupt or built with another model."""


class ReviewError(ClaimcheckError):
    """A review-store operation that cannot be carried out."""


class ConflictError(ReviewError):
    """A save made against an older version of a claim's decision than the store holds: another editor
    saved first. Carries both versions, so nothing is overwritten unseen."""

    def __init__(self, reason: str, *, current: dict[str, object], attempted: dict[str, object]) -> None:
        self.current = current
        self.attempted = attempted
        super().__init__(reason, hint="reload the claim, then apply your change again")


class InputError(ClaimcheckError):
    """A malformed input file for a command (claims, queries, pairs)."""


class LockError(ClaimcheckError):
    """Another claimcheck is writing the same index or output folder, and did not finish in time."""


class ClaimcheckWarning(UserWarning):
    """Something skipped or repaired that the user should hear about; the CLI prints "Warning: …"."""
