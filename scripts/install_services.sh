#!/usr/bin/env bash
# Debian's PostgreSQL, Redis and nginx for the several-servers test
# (tests/e2e/test_scale_out.py); the tests start their own throwaway instances
# on loopback, never the system services. Installs only what is missing.
set -euo pipefail
missing=()
command -v initdb >/dev/null || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null \
  || missing+=(postgresql)
command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo="sudo -n"
else
  echo "error: ${missing[*]} missing and this user cannot install them; run as root:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing Debian's ${missing[*]} (several-servers test)..."
$sudo apt-get update -qq
# policy-rc.d 101: the packages' own system services are not started (the
# tests run their own instances on loopback ports of their choosing).
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod +x "$policy"
  trap '$sudo rm -f "$policy"' EXIT
fi
log=$(mktemp)
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; exit 1; }
rm -f "$log"
for binary in redis-server nginx; do
  command -v $binary >/dev/null || [ -x /usr/sbin/$binary ] || [ -x /usr/bin/$binary ] \
    || { echo "error: $binary did not install" >&2; exit 1; }
done
