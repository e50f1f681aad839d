#!/usr/bin/env bash
# Create .venv and install claimcheck with everything it needs (CPU-only, offline-capable models).
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3.11}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# torch first and pinned: an unpinned torch pulls a multi-GB CUDA build.
.venv/bin/python -m pip install --quiet "torch==2.13.0"
# [ray]: `batch --ray` and `index build --ray`, and their tests (which CI runs).
.venv/bin/python -m pip install --quiet -e ".[dev,ray]"
echo "claimcheck installed in .venv (activate with: . .venv/bin/activate)"
