"""Keep model libraries off the network.

Every model claimcheck uses ships inside a Python package, so nothing should ever be fetched from a hub.
Call `enable_offline()` before loading any model (sentence-transformers, transformers, spaCy); the
libraries read these variables when they try to download, so setting them late is still in time as
long as no model has been loaded yet. This is the one place they are set: the CLI's entry point, the
embedder, the verifier trainer, the benchmarks and the test suite all call `enable_offline()`. It assigns
the values, overriding any already in the environment.
"""

from __future__ import annotations

import os

# Variable -> value. TOKENIZERS_PARALLELISM=false also silences the fork warning of the Rust tokenizers.
OFFLINE_ENV: dict[str, str] = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


def enable_offline() -> None:
    """Set the offline variables in this process's environment. Safe to call any number of times."""
    for name, value in OFFLINE_ENV.items():
        os.environ[name] = value
