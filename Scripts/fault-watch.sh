#!/usr/bin/env bash
# Fault injection for charter watch over loopback (see Scripts/fault-watch.py): network
# faults, a full disk, 100 SIGKILLs, two watches at once. Release build.
#
#   Scripts/fault-watch.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 Scripts/fault-watch.py "${CHARTER_BIN:-$(Scripts/release-binary.sh)}"
