"""Connecting to Ray, for `batch --ray` and `index build --ray`: the package is an extra (`.[ray]`), so
it is imported only here, and only when asked for."""

from __future__ import annotations

from typing import Any

from claimcheck.errors import ClaimcheckError


def import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise ClaimcheckError(
            "--ray needs the `ray` package", hint='install claimcheck with its extra: pip install ".[ray]"'
        ) from None
    return ray


def connect(address: str) -> bool:
    """Connect to the Ray cluster at `address` ("auto": the one this machine belongs to, else a new local
    one; "local": a new local one). Returns whether this call started Ray (and so should stop it)."""
    ray = import_ray()
    if ray.is_initialized():
        return False
    quiet: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
    try:
        if address == "local":
            ray.init(**quiet)
        elif address == "auto":
            try:
                ray.init(address="auto", **quiet)
            except ConnectionError:
                ray.init(**quiet)
        else:
            ray.init(address=address, **quiet)
    except (ConnectionError, ValueError, RuntimeError) as exc:
        raise ClaimcheckError(
            f"cannot connect to the Ray cluster at {address!r}: {' '.join(str(exc).split())[:300]}",
            hint='give the head node\'s address (ray://host:10001 or host:6379), or "auto"',
        ) from None
    return True
