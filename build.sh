#!/usr/bin/env bash
# Thin wrapper over dotnet. No argument: build. `test`: run the tests. `demo`: run the LR finder demo.
# `bench`: run the quick benchmarks (`bench --full` for the whole suite). `mutate [folder...]`: mutation-test the library's
# pure folders with Stryker.NET (docs/reliability.md, "Mutation testing"); fails when a folder scores below 85%.
# Other arguments go to `dotnet build`. The exit code is dotnet's.
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
  mutate)
    shift
    # Stryker.NET is a local tool (.config/dotnet-tools.json). Each folder is a separate run over the fast tests
    # (test/Microsoft.ML.LrFinder.MutationTests), at concurrency 2; reports go to artifacts/mutation/<folder>/.
    folders=("$@")
    [ ${#folders[@]} -eq 0 ] && folders=(Sweep Suggestions Analysis Reporting Tuning)
    dotnet tool restore
    status=0
    for folder in "${folders[@]}"; do
      if [ ! -d "src/Microsoft.ML.LrFinder/$folder" ]; then
        echo "mutate: no folder src/Microsoft.ML.LrFinder/$folder" >&2
        exit 2
      fi
      (cd test/Microsoft.ML.LrFinder.MutationTests &&
        dotnet stryker --config-file ../../eng/stryker-config.json --mutate "**/Microsoft.ML.LrFinder/$folder/**/*.cs" \
          --output "../../artifacts/mutation/$folder" --skip-version-check) || status=$?
    done
    exit $status ;;
  *)
    exec dotnet build LrFinder.sln "$@" ;;
esac
