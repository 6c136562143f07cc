#!/usr/bin/env bash
# Thin wrapper over dotnet. No argument: build. `test`: run the tests. `demo`: run the LR finder demo.
# `bench`: run the quick benchmarks (`bench --full` for the whole suite). `notebook DIR`: execute the sample notebook
# docs/samples/notebook/lr-finder.ipynb headless and write the executed notebook to DIR (docs/notebooks.md).
# Other arguments go to `dotnet build`.
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
  *)
    exec dotnet build LrFinder.sln "$@" ;;
esac
