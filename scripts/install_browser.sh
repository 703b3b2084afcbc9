#!/usr/bin/env bash
# Debian's Chromium for the browser tests (Playwright drives it through
# executable_path; no browser is ever downloaded). Installs only when missing.
set -euo pipefail
browser=${HEADACHE_CHROMIUM:-/usr/bin/chromium}
if [ -x "$browser" ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo -n"; else
  echo "error: $browser is missing and this user cannot install it; run as root:" >&2
  echo "  apt-get update && apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
echo "installing Debian's chromium (browser tests)..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
[ -x "$browser" ] || { echo "error: chromium did not install at $browser" >&2; exit 1; }
