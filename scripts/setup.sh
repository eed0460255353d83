#!/usr/bin/env bash
# Create .venv and install extractor into it. `scripts/setup.sh test` adds what the tests need:
# the test extra (pytest, hypothesis, dask, selenium) and, as root on Debian, headless Chromium
# for the report's browser test (that test skips when Chromium is absent).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "test" ]; then
  .venv/bin/python -m pip install --quiet -e '.[test]'
  if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
      || echo "setup: could not install chromium; the browser test will be skipped" >&2
  fi
else
  .venv/bin/python -m pip install --quiet .
fi
