#!/usr/bin/env bash
# Builds the micro-benchmarks in Release and runs them with BenchmarkDotNet.
#
#   bench/run-micro.sh                         # every benchmark, short job
#   bench/run-micro.sh '*HostLookup*'          # a filter (BenchmarkDotNet glob on Namespace.Class.Method)
#   bench/run-micro.sh '*Publish*' --memory    # anything after the filter goes to BenchmarkDotNet as is
#   JOB=default bench/run-micro.sh             # a longer, more precise job (short, medium, long, default)
#
# The benchmark classes raise the short job's iteration count to 15; a full run takes ~2.5 minutes on 2 cores.
# Results (markdown, csv, html, logs) land in bench/BenchmarkDotNet.Artifacts/results/ (gitignored).
# docs/benchmarks.md has the latest numbers and the targets they are checked against.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$here/HostPanel.Benchmarks/HostPanel.Benchmarks.csproj"
artifacts="$here/BenchmarkDotNet.Artifacts"
filter="${1:-*}"
[[ $# -gt 0 ]] && shift

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$project" -c Release --nologo -v quiet
dotnet "$here/HostPanel.Benchmarks/bin/Release/net10.0/HostPanel.Benchmarks.dll" \
  --filter "$filter" --job "${JOB:-short}" --artifacts "$artifacts" "$@"
