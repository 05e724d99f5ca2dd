#!/usr/bin/env bash
# Runs every BenchDashboard test: unit, integration, component and browser tests.
# Installs what a fresh Debian/Ubuntu machine lacks (Chromium, poppler-utils, a font, PostgreSQL 15), then builds and tests.
# Results: TRX files in TestResults/ (read by .ci/run), screenshots in artifacts/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# The tests start their own throwaway cluster from these binaries. Never the `postgresql` metapackage: it would
# upgrade the common packages and create a system cluster.
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing missing system packages: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

command -v npm >/dev/null 2>&1 || { echo "npm (node 20) is required: the build takes plotly.js from npm." >&2; exit 1; }
[ -f node_modules/.package-lock.json ] || npm ci --no-audit --no-fund

rm -rf TestResults
dotnet test BenchDashboard.sln --configuration Release \
    --logger "trx" --logger "console;verbosity=normal" --results-directory TestResults "$@"
