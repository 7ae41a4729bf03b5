#!/usr/bin/env bash
# make test's first step: the tools the tests drive must be installed. A
# missing one stops the run with what to install, rather than the tests
# that need it being skipped without a word.
set -uo pipefail
missing=()
browser=""
for b in "${CHROMIUM:-}" chromium chromium-browser google-chrome; do
  if [ -n "$b" ] && command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ] && [ "${SITREP_SKIP_BROWSER:-}" != 1 ]; then
  missing+=("chromium (the browser tests of the web page drive it headless)")
fi
command -v tesseract >/dev/null 2>&1 || missing+=("tesseract-ocr (the OCR tests read a scanned PDF)")
command -v pdftoppm >/dev/null 2>&1 || missing+=("poppler-utils (pdftoppm renders scanned pages for OCR)")
command -v python3 >/dev/null 2>&1 || missing+=("python3 (the CSV tests read the tables as a notebook would)")
command -v bash >/dev/null 2>&1 || missing+=("bash (the completion test runs the bash script)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "make test needs:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  echo "Debian/Ubuntu: sudo apt-get install chromium python3 tesseract-ocr poppler-utils   (.ci/run installs them)" >&2
  echo "To run without a browser knowingly: SITREP_SKIP_BROWSER=1 make test (the browser tests then say they were skipped)" >&2
  exit 1
fi
