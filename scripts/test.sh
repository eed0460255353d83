#!/usr/bin/env bash
# Set up .venv with the test extras, then run the whole test suite (tests/ and the doctests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/python -m pytest "$@"
