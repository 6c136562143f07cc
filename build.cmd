@echo off
rem Thin wrapper over dotnet. No argument: build. "test": run the tests. "demo": run the LR finder demo.
rem "bench": run the quick benchmarks ("bench --full" for the whole suite). "mutate [folder...]": mutation-test the
rem library's pure folders with Stryker.NET (docs\reliability.md, "Mutation testing"). Other arguments go to "dotnet build".
setlocal
cd /d "%~dp0"
set DOTNET_CLI_TELEMETRY_OPTOUT=1
set DOTNET_NOLOGO=1
if /i "%~1"=="test" (
  shift
  dotnet test LrFinder.sln %2 %3 %4 %5 %6 %7 %8 %9
  exit /b %ERRORLEVEL%
)
if /i "%~1"=="demo" (
  dotnet run --project src\Microsoft.ML.LrFinder.Cli -- demo %2 %3 %4 %5 %6 %7 %8 %9
  exit /b %ERRORLEVEL%
)
if /i "%~1"=="bench" (
  dotnet run -c Release --project test\Microsoft.ML.LrFinder.Benchmarks -- %2 %3 %4 %5 %6 %7 %8 %9
  exit /b %ERRORLEVEL%
)
if /i "%~1"=="mutate" goto mutate
dotnet build LrFinder.sln %*
exit /b %ERRORLEVEL%

:mutate
rem Stryker.NET is a local tool (.config\dotnet-tools.json); one run per folder over test\Microsoft.ML.LrFinder.MutationTests.
dotnet tool restore || exit /b 1
shift
set "FOLDERS=%1 %2 %3 %4 %5"
if "%~1"=="" set "FOLDERS=Sweep Suggestions Analysis Reporting Tuning"
set STATUS=0
for %%F in (%FOLDERS%) do call :mutatefolder %%F
exit /b %STATUS%

:mutatefolder
if not exist "src\Microsoft.ML.LrFinder\%1" (
  echo mutate: no folder src\Microsoft.ML.LrFinder\%1 1>&2
  set STATUS=2
  exit /b 2
)
pushd test\Microsoft.ML.LrFinder.MutationTests
dotnet stryker --config-file ..\..\eng\stryker-config.json --mutate "**/Microsoft.ML.LrFinder/%1/**/*.cs" --output "..\..\artifacts\mutation\%1" --skip-version-check
if errorlevel 1 set STATUS=1
popd
exit /b %ERRORLEVEL%
