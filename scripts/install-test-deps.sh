#!/usr/bin/env bash
# Installs what the tests need beyond npm packages, from Debian only (no browser downloads):
# - chromium, for the end-to-end tests (playwright-core drives /usr/bin/chromium);
# - poppler-utils (pdfinfo, pdftotext, pdftoppm), to read back the PDFs the server prints;
# - R with spdep, the outside reference for the Gi* hot spot statistics.
# Does nothing when all are present.
set -euo pipefail

missing=()
# A font is needed for legible screenshots; Debian chromium does not pull one in.
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e 'quit(status = !requireNamespace("spdep", quietly = TRUE))' >/dev/null 2>&1; then
  missing+=(r-cran-spdep)
fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "Test dependencies present: chromium, poppler-utils, R spdep."
  exit 0
fi

echo "Installing from Debian: ${missing[*]} (R spdep takes a few minutes the first time)..."
if [ "$(id -u)" -eq 0 ]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1; then
  sudo_cmd=(sudo)
else
  echo "Need root to apt-get install ${missing[*]}; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}."
