#!/usr/bin/env bash
# Installs what charter's build, demo and tests need and a machine with only Swift lacks:
# system packages (libxml2, SQLite and zlib headers; xmllint, msgfmt and Chromium, which the
# tests use to check what charter writes) and the Python feed parser the watch tests read
# the Atom feed with. Idempotent: what is there is left alone. Needs root for apt-get.
set -euo pipefail
need=()
# chromium: the rendering tests drive a real headless browser.
for package in libxml2-dev libsqlite3-dev zlib1g-dev pkg-config gettext libxml2-utils chromium fonts-liberation; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "install-deps: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y --no-install-recommends "${need[@]}" >&2
fi
# A real feed parser checks the Atom feed in the watch tests.
python3 -c 'import feedparser' 2>/dev/null || python3 -m pip install --quiet feedparser >&2
