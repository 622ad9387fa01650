#!/usr/bin/env bash
# Installs what angio-print needs, only where it is missing:
# Debian packages (HarfBuzz subsetting, poppler, gettext, Chromium for the
# index-page test), a virtual environment with the Python packages, and the
# pinned fonts of templates/fonts/fonts.lock.json in .fonts/ (the leaflets use
# no system fonts).
set -euo pipefail
cd "$(dirname "$0")/.."

# fonts-dejavu-core is for Chromium (the index page and report tests) only: leaflets never see system fonts.
DEBIAN_PACKAGES=(libharfbuzz-subset0 poppler-utils gettext chromium fonts-dejavu-core)
missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stamp=.venv/.installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  echo "setup: installing Python packages into .venv" >&2
  python3 -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
  echo "$want" > "$stamp"
fi

.venv/bin/python -m angio_print.printing.fonts install
