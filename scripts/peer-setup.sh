#!/usr/bin/env bash
# The comparison pipeline for `./run bench`: Sphinx, sphinx-intl and sphinx-simplepdf on the same WeasyPrint,
# pinned, in their own environment (.venv-peer) so that their requirements never touch the project's.
set -euo pipefail
cd "$(dirname "$0")/.."
requirements="sphinx==9.0.4 sphinx-intl==2.4.0 sphinx-simplepdf==1.7.0 weasyprint==70.0"
stamp=.venv-peer/.installed
if [[ ! -f $stamp || $(cat "$stamp") != "$requirements" ]]; then
  echo "setup: installing the Sphinx comparison pipeline into .venv-peer" >&2
  python3 -m venv .venv-peer
  # shellcheck disable=SC2086
  .venv-peer/bin/python -m pip install -q --disable-pip-version-check $requirements
  echo "$requirements" > "$stamp"
fi
