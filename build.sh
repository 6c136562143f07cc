#!/usr/bin/env bash
# Thin wrapper over dotnet. No argument: build. `test`: run the tests. `demo`: run the LR finder demo.
# `bench`: run the quick benchmarks (`bench --full` for the whole suite). Other arguments go to `dotnet build`.
# The exit code is dotnet's.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
case "${1:-}" in
  test)
    shift
    exec dotnet test LrFinder.sln "$@" ;;
  demo)
    shift
    exec dotnet run --project src/Microsoft.ML.LrFinder.Cli -- demo "$@" ;;
  bench)
    shift
    exec dotnet run -c Release --project test/Microsoft.ML.LrFinder.Benchmarks -- "$@" ;;
  *)
    exec dotnet build LrFinder.sln "$@" ;;
esac
