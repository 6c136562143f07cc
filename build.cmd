@echo off
rem Thin wrapper over dotnet. No argument: build. "test": run the tests. "demo": run the LR finder demo.
rem "bench": run the quick benchmarks ("bench --full" for the whole suite). Other arguments go to "dotnet build".
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
dotnet build LrFinder.sln %*
exit /b %ERRORLEVEL%
