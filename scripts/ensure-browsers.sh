#!/usr/bin/env bash
# Makes sure the e2e browsers exist: Debian's chromium and firefox-esr, and WebKit as
# webkit2gtk-driver (WebKitWebDriver and its MiniBrowser) with xvfb for its display, installed
# with apt when missing (needs root). CHROMIUM_PATH / FIREFOX_PATH / WEBKIT_DRIVER_PATH point
# elsewhere; set the first two empty to use Playwright's own browsers.
set -euo pipefail
missing=()
if [ -z "${CHROMIUM_PATH+x}" ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if [ -z "${FIREFOX_PATH+x}" ] && [ ! -x /usr/bin/firefox-esr ]; then missing+=(firefox-esr); fi
if [ -z "${WEBKIT_DRIVER_PATH+x}" ] && [ ! -x /usr/bin/WebKitWebDriver ]; then missing+=(webkit2gtk-driver); fi
if ! command -v Xvfb >/dev/null; then missing+=(xvfb); fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} for the e2e suite…"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
else
  echo "The e2e suite needs ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}'," >&2
  echo "or set CHROMIUM_PATH / FIREFOX_PATH (empty for Playwright's own browsers) / WEBKIT_DRIVER_PATH." >&2
  exit 1
fi
