#!/usr/bin/env bash
# Formats the sources in place, then lints them strictly (swift-format ships with the toolchain).
set -euo pipefail
cd "$(dirname "$0")/.."
swift format --in-place --recursive Sources Tests
swift format lint --strict --recursive Sources Tests
