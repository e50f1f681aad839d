"""The review app (`claimcheck review serve`): editors review drafts in the browser, over the same review
store and library calls as the `review` commands.

- `factory`: `create_app` (Flask) and `serve` (waitress);
- `auth`: who is asking (a name given once on loopback, an account elsewhere, or an API token), roles,
  CSRF tokens, password and token hashes;
- `data`: drafts read once per change, the rows and cards a page shows, and turning a form or a JSON body
  into editor decisions (evidence resolved to exact quotes);
- `checker`: the index and verifier, loaded once and only when an editor searches or re-checks;
- `views` / `api`: the HTML pages and the JSON API that mirrors them.

Nothing here imports Flask at module level, so `claimcheck --help` stays fast.
"""

from __future__ import annotations

import ipaddress

# Where `review serve` listens unless told otherwise: loopback only, where an editor just gives a name.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach ("127.0.0.1", "::1", "localhost")."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "is_loopback"]
