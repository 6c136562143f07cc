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
    # Stryker.NET is a local tool (.config/dotnet-tools.json). One run over the fast tests (test/Microsoft.ML.LrFinder.MutationTests)
    # mutates the named folders (default: all five) at concurrency 2; the report goes to artifacts/mutation/, and
    # eng/mutation-scores.py prints each folder's score and survivors and fails when one is below 85%.
    folders=("$@")
    [ ${#folders[@]} -eq 0 ] && folders=(Sweep Suggestions Analysis Reporting Tuning)
    globs=()
    for folder in "${folders[@]}"; do
      if [ ! -d "src/Microsoft.ML.LrFinder/$folder" ]; then
        echo "mutate: no folder src/Microsoft.ML.LrFinder/$folder" >&2
        exit 2
      fi
      globs+=(--mutate "**/Microsoft.ML.LrFinder/$folder/**/*.cs")
    done
    dotnet tool restore
    rm -rf artifacts/mutation
    (cd test/Microsoft.ML.LrFinder.MutationTests &&
      dotnet stryker --config-file ../../eng/stryker-config.json "${globs[@]}" --output ../../artifacts/mutation --skip-version-check)
    exec python3 eng/mutation-scores.py artifacts/mutation/reports/mutation-report.json 85 "${folders[@]}" ;;
  *)
    exec dotnet build LrFinder.sln "$@" ;;
esac
