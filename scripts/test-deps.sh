#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real: Chromium for the dashboard's browser tests and
# poppler-utils (pdftoppm) for the report's PDF checks. Runs before `npm test`; a no-op when they are present.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "test-deps: the browser and PDF tests need Debian packages: ${need[*]}. Install them (sudo apt-get install ${need[*]}) and run npm test again." >&2
  exit 1
fi
echo "test-deps: installing ${need[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
