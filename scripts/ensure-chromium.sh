#!/usr/bin/env bash
# Installs Debian's Chromium for the browser test when it is missing (needs root + apt).
# Used by `npm test` (pretest) so that a fresh machine needs no hand step.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: /usr/bin/chromium missing and cannot apt-get install it (not root or no apt); the browser test will be skipped unless CI=true" >&2
  exit 0
fi
echo "ensure-chromium: installing Debian chromium for the browser test..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq chromium >/dev/null 2>&1 || { echo "ensure-chromium: apt-get install chromium failed" >&2; exit 0; }
echo "ensure-chromium: installed $(/usr/bin/chromium --version 2>/dev/null)" >&2
