#!/usr/bin/env bash
# Thin wrapper over dotnet. No argument: build. `test`: run the tests. `test --mlnet 6`: build everything against the
# Microsoft.ML 6.0.0 / Microsoft.ML.TorchSharp 0.24.0 line (into artifacts/mlnet6/) and run the tests that depend on the
# line (MLNET_LINE_TESTS below; a --filter of your own replaces it). `demo`: run the LR finder demo.
# `bench`: run the quick benchmarks (`bench --full` for the whole suite). `notebook DIR`: execute the sample notebook
# docs/samples/notebook/lr-finder.ipynb headless and write the executed notebook to DIR (docs/notebooks.md).
# `mutate [folder...]`: mutation-test the library's pure folders with Stryker.NET (docs/reliability.md, "Mutation
# testing"); fails when a folder scores below 85%. Other arguments go to `dotnet build`.
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
  notebook)
    # The notebook references the library as a package from a folder feed, as a user's notebook would; the package's cache
    # entry is removed first, so the kernel restores this build and not an older one of the same version.
    [ $# -ge 2 ] || { echo "usage: ./build.sh notebook DIR" >&2; exit 2; }
    mkdir -p "$2"
    out="$(cd "$2" && pwd)"
    feed="$(pwd)/artifacts/notebook-feed"
    version=0.1.0-notebook
    dotnet pack src/Microsoft.ML.LrFinder -c Release -o "$feed" -p:Version=$version -nologo -v:q
    rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/microsoft.ml.lrfinder/$version"
    dotnet tool restore >/dev/null
    cd docs/samples/notebook
    # The kernel restores packages with the dotnet CLI, and MSBuild reads this variable as the property of that name.
    export RestoreAdditionalProjectSources="$feed"
    exec dotnet tool run dotnet-repl --run lr-finder.ipynb --exit-after-run --output-path "$out/lr-finder.ipynb" ;;
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
    # The generic finder's Tune tests train a model: compiled into the mutation test project only when Tuning is mutated.
    export MutateTuning=false
    for folder in "${folders[@]}"; do
      if [ "$folder" = "Tuning" ]; then MutateTuning=true; fi
    done
    dotnet tool restore
    rm -rf artifacts/mutation
    (cd test/Microsoft.ML.LrFinder.MutationTests &&
      dotnet stryker --config-file ../../eng/stryker-config.json "${globs[@]}" --output ../../artifacts/mutation --skip-version-check)
    exec python3 eng/mutation-scores.py artifacts/mutation/reports/mutation-report.json 85 "${folders[@]}" ;;
  *)
    exec dotnet build LrFinder.sln "$@" ;;
esac
