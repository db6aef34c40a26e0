#!/usr/bin/env bash
# Run the whole test suite, slow end-to-end tests included (CI runs exactly this).
#
#   bash scripts/test.sh                 # everything
#   bash scripts/test.sh tests/nlu -x    # extra arguments go to pytest
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pytest -q "$@"
