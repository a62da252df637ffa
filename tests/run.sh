#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian 12 machine with the .NET SDK, then runs every test.
# Usage: tests/run.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the suite starts for real: PHP-FPM for the php sites, pebble (the ACME test CA and its DNS server),
# headless Chromium for the panel's browser tests (driven by Playwright through /usr/bin/chromium; Playwright
# never downloads a browser), and the openssl client that checks TLS session resumption.
packages=(php8.2-fpm php8.2-cli pebble chromium openssl)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

dotnet restore HostPanel.sln
dotnet build HostPanel.sln --no-restore -c Release -warnaserror
results=$(mktemp -d)
set +e
# The tests host HostPanel in their own processes: complete socket operations inline as the HostPanel executable
# does (see src/Proxy/Server/SocketEngineDefaults.cs; its event-thread count only tunes speed and is left as is).
export DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
dotnet test HostPanel.sln --no-build -c Release --logger "trx" --results-directory "$results" "$@" 2>&1 | tee "$results/output.txt"
status=${PIPESTATUS[0]}
set -e

# One closing line for every test assembly together.
awk '/(Passed|Failed)! +- Failed: /{ gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$results/output.txt"
exit "$status"
