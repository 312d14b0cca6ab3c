#!/usr/bin/env bash
# Run the test suite on a fresh or prepared machine (sets up the environment first if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-run
# The HTML report tests open the page in a real headless browser (Debian's chromium); best effort:
# without it those tests skip with a reason, so a failed install must not stop the suite.
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  as_root=""; [ "$(id -u)" -eq 0 ] || as_root="sudo -n"
  echo "installing chromium for the HTML report tests" >&2
  export DEBIAN_FRONTEND=noninteractive
  { $as_root apt-get install -y -qq chromium || { $as_root apt-get update -qq && $as_root apt-get install -y -qq chromium; }; } \
    >/dev/null 2>&1 || echo "chromium not installed: browser tests will skip" >&2
fi
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
exec .venv/bin/python -m pytest -q "$@"
