#!/usr/bin/env bash
# Thin wrapper over dotnet. No argument: build. `test`: run the tests. `test --mlnet 6`: build everything against the
# Microsoft.ML 6.0.0 / Microsoft.ML.TorchSharp 0.24.0 line (into artifacts/mlnet6/) and run the tests that depend on the
# line (MLNET_LINE_TESTS below; a --filter of your own replaces it). `demo`: run the LR finder demo.
# `bench`: run the quick benchmarks (`bench --full` for the whole suite). Other arguments go to `dotnet build`.
# The exit code is dotnet's.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The tests whose outcome depends on the ML.NET line (docs/compatibility.md, "Tested versions"): the trainer contracts and
# the member resolution (Microsoft.ML.TorchSharp's internals), the compatibility patcher and libtorch (eng/), the plots
# (SkiaSharp), the package consumer test. QuestionAnswer's contract (TestCategory=Large: RoBERTa-size weights, GBs of memory)
# is left out to keep the leg short; MemberResolverTests still resolves every member its hook needs on the line.
MLNET_LINE_TESTS='TestCategory!=Large&(FullyQualifiedName~Tests.Trainers.NasBert.|FullyQualifiedName~Tests.Trainers.ObjectDetection.|FullyQualifiedName~Tests.Trainers.MemberResolverTests|FullyQualifiedName~Tests.Platform|FullyQualifiedName~Tests.Plotting|FullyQualifiedName~Tests.Tuning.LrTunePlotTests|FullyQualifiedName~Tests.Package)'

case "${1:-}" in
  test)
    shift
    if [ "${1:-}" = "--mlnet" ]; then
      line="${2:?--mlnet needs a line: 5 or 6}"
      shift 2
      filter=(--filter "$MLNET_LINE_TESTS")
      for argument in "$@"; do
        if [ "$argument" = "--filter" ]; then filter=(); fi
      done
      exec dotnet test LrFinder.sln "-p:MLNetLine=$line" "${filter[@]}" "$@"
    fi
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
