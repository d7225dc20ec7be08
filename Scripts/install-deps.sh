#!/usr/bin/env bash
# Installs what charter's build, demo and tests need and a machine with only Swift lacks:
# system packages (libxml2, SQLite and zlib headers; xmllint, msgfmt and Chromium, which the
# tests use to check what charter writes), the Python feed parser the watch tests read
# the Atom feed with, and Apprise, whose command the watch tests notify through.
# Idempotent: what is there is left alone. Needs root for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
# chromium: the rendering tests drive a real headless browser.
# poppler-utils: Scripts/check-report.sh reads the PDF report's text with pdftotext.
for package in libxml2-dev libsqlite3-dev zlib1g-dev pkg-config gettext libxml2-utils chromium fonts-liberation poppler-utils; do
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
# Apprise: the watch tests hand a notification to the real `apprise` command, which posts
# it to a loopback receiver (json://127.0.0.1:PORT/).
command -v apprise >/dev/null 2>&1 || python3 -m pip install --quiet apprise >&2
# Prometheus' own text parser reads the watch metrics in the tests.
python3 -c 'import prometheus_client' 2>/dev/null || python3 -m pip install --quiet prometheus-client >&2
# pofilter (translate-toolkit 3.20 or later reads XLIFF 2.0; Debian's 3.8 does not) checks
# the exported PO files as a translation tool would.
python3 -c 'import sys; from translate.__version__ import ver; sys.exit(ver < (3, 20))' 2>/dev/null \
  || python3 -m pip install --quiet 'translate-toolkit>=3.20' >&2
# The OASIS XLIFF 2.0 core schema, which the tests validate every exported XLIFF file
# against: Debian ships it in php-symfony-translation, taken out of the package without
# installing PHP. Its import of xml.xsd is resolved from the same package, so that
# xmllint validates without the network. Kept in .deps/ (not committed).
schemas=.deps/xliff
if [ ! -f "$schemas/xliff-core-2.0.xsd" ]; then
  work=$(mktemp -d)
  (cd "$work" && { apt-get download php-symfony-translation >&2 2>/dev/null || { apt-get update >&2 && apt-get download php-symfony-translation >&2; }; })
  dpkg-deb -x "$work"/php-symfony-translation_*.deb "$work/x"
  from=$(dirname "$(find "$work/x" -name xliff-core-2.0.xsd | head -n 1)")
  mkdir -p "$schemas/informativeCopiesOf3rdPartySchemas/w3c"
  cp "$from/xliff-core-2.0.xsd" "$schemas/"
  cp "$from/xml.xsd" "$schemas/informativeCopiesOf3rdPartySchemas/w3c/"
  rm -rf "$work"
fi
