"""Who is asking, and what they may do.

- On loopback (the default) an editor gives a name once; it is kept in the signed session cookie, and
  the role is publisher: only someone at this machine can reach the app.
- On any other address an editor logs in with an account (`claimcheck review editor add NAME`); the
  password is kept only as a salted hash (werkzeug's scrypt).
- The JSON API also takes `Authorization: Bearer TOKEN` (`claimcheck review token --editor NAME`); only
  the token's SHA-256 is stored.
- Every form carries the session's CSRF token, and a session-authenticated API write sends it as the
  `X-CSRF-Token` header; a token-authenticated call needs none (no browser sends it by itself).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from werkzeug.security import check_password_hash, generate_password_hash

from claimcheck.errors import ReviewError
from claimcheck.review.records import Role
from claimcheck.review.store import ReviewStore

# The form field and the header that carry the CSRF token.
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
# Characters an account name may not hold (it is shown on pages and written to the audit log).
_MAX_NAME = 80
_MIN_PASSWORD = 8


class Editor(BaseModel):
    """The person behind a request."""

    model_config = ConfigDict(frozen=True)

    name: str
    role: Role

    @property
    def may_publish(self) -> bool:
        return self.role is Role.PUBLISHER


def check_name(name: str) -> str:
    """An editor name as typed: one line of printable text, not empty, not too long."""
    cleaned = name.strip()
    if not cleaned:
        raise ReviewError("an editor name is required", hint="type your name as it should appear in the log")
    if len(cleaned) > _MAX_NAME:
        raise ReviewError(f"the editor name is longer than {_MAX_NAME} characters")
    if any(not ch.isprintable() for ch in cleaned):
        raise ReviewError("the editor name holds a control character", hint="type it as plain text")
    return cleaned


def hash_password(password: str) -> str:
    if len(password) < _MIN_PASSWORD:
        raise ReviewError(f"the password is shorter than {_MIN_PASSWORD} characters")
    return generate_password_hash(password, method="scrypt")


def add_account(store: ReviewStore, name: str, password: str, role: Role) -> None:
    store.add_account(check_name(name), hash_password(password), role)


def login(store: ReviewStore, name: str, password: str) -> Editor | None:
    """The account's editor when the password is right, else None (never saying which part was wrong)."""
    account = store.account(name.strip())
    if account is None:
        # spend the same time as a real check, so a missing name does not answer faster
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(account.password_hash, password):
        return None
    return Editor(name=account.name, role=account.role)


_DUMMY_HASH = generate_password_hash("not a password of anyone", method="scrypt")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token(store: ReviewStore, editor: str) -> str:
    """A fresh API token for an existing account; only its hash is stored, so it is shown once."""
    token = secrets.token_urlsafe(32)
    store.add_token(token_hash(token), editor.strip())
    return token


def token_editor(store: ReviewStore, token: str) -> Editor | None:
    account = store.token_account(token_hash(token))
    return None if account is None else Editor(name=account.name, role=account.role)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


# The key that signs the app's session cookies, kept in OUT so that a restart of `review serve` does not log
# every editor out. Readable by its owner only; delete it to end every session.
SESSION_KEY_FILE = ".review-session-key"


def session_key(out_dir: Path) -> str:
    """The app's session-signing key for `out_dir`: read from `SESSION_KEY_FILE`, else made once (mode
    0600; two apps starting together agree on the first one written)."""
    path = out_dir / SESSION_KEY_FILE
    for _ in range(3):
        try:
            key = path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            key = ""
        except (OSError, UnicodeDecodeError) as exc:
            raise ReviewError(f"{path}: cannot read the session key ({exc})", hint=f"delete {path}") from None
        if len(key) >= 32:
            return key
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            time.sleep(0.05)  # another app is writing it: read it again
            continue
        except OSError as exc:
            raise ReviewError(f"{path}: cannot write the session key ({exc})") from None
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(32) + "\n")
    raise ReviewError(f"{path}: the session key is empty or too short", hint=f"delete {path}")
