#!/usr/bin/env bash
# The Debian packages the test suite drives for real: Chromium for the dashboard's browser tests and
# poppler-utils (pdftoppm) for the report's PDF checks.
#   bash scripts/test-deps.sh          installs the missing ones (as root; .ci/run does this on a fresh machine)
#   bash scripts/test-deps.sh --check  installs nothing: names what is missing and how to install it, exit 1
# `npm test` runs the check first (its pretest), so a missing browser is one clear sentence, not 20 failed tests.
set -euo pipefail
need=()
# The browser tests launch REBOUND_CHROMIUM when it is set (harness/browser.ts), else Debian's /usr/bin/chromium.
[ -x "${REBOUND_CHROMIUM:-/usr/bin/chromium}" ] || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "${1:-}" = --check ] || [ "$(id -u)" != 0 ]; then
  echo "test-deps: the browser and PDF tests need Debian packages that are missing: ${need[*]}." >&2
  echo "test-deps: install them with: sudo apt-get install ${need[*]}  (or: sudo bash scripts/test-deps.sh), then run npm test again." >&2
  exit 1
fi
echo "test-deps: installing ${need[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
