#!/usr/bin/env bash
# README's test command: installs what a fresh machine lacks, then runs the whole suite
# (`swift test` alone works where Scripts/install-deps.sh has run once).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift test "$@"
