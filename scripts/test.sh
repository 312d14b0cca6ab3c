#!/usr/bin/env bash
# Run the test suite on a fresh or prepared machine (sets up the environment first if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-run
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
exec .venv/bin/python -m pytest -q "$@"
