@echo off
rem Thin wrapper over dotnet. No argument: build. "test": run the tests. "demo": run the LR finder demo.
rem "bench": run the quick benchmarks ("bench --full" for the whole suite). "notebook DIR": execute the sample notebook
rem docs\samples\notebook\lr-finder.ipynb headless and write the executed notebook to DIR (docs\notebooks.md).
rem "mutate [folder...]": mutation-test the library's pure folders with Stryker.NET (docs\reliability.md, "Mutation testing").
rem Other arguments go to "dotnet build".
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
if /i "%~1"=="notebook" goto notebook
if /i "%~1"=="mutate" goto mutate
dotnet build LrFinder.sln %*
exit /b %ERRORLEVEL%

:notebook
if "%~2"=="" (
  echo usage: build.cmd notebook DIR 1>&2
  exit /b 2
)
if not exist "%~2" mkdir "%~2"
rem The notebook references the library as a package from a folder feed; its cache entry goes first (see build.sh).
dotnet pack src\Microsoft.ML.LrFinder -c Release -o "%~dp0artifacts\notebook-feed" -p:Version=0.1.0-notebook -nologo -v:q || exit /b 1
set "LRFINDER_CACHE=%USERPROFILE%\.nuget\packages"
if defined NUGET_PACKAGES set "LRFINDER_CACHE=%NUGET_PACKAGES%"
if exist "%LRFINDER_CACHE%\microsoft.ml.lrfinder\0.1.0-notebook" rmdir /s /q "%LRFINDER_CACHE%\microsoft.ml.lrfinder\0.1.0-notebook"
dotnet tool restore >nul || exit /b 1
rem The kernel restores packages with the dotnet CLI, and MSBuild reads this variable as the property of that name.
set "RestoreAdditionalProjectSources=%~dp0artifacts\notebook-feed"
set "LRFINDER_OUT=%~f2"
cd docs\samples\notebook
dotnet tool run dotnet-repl --run lr-finder.ipynb --exit-after-run --output-path "%LRFINDER_OUT%\lr-finder.ipynb"
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
rem The generic finder's Tune tests train a model: compiled into the test project only when Tuning is mutated.
set "MutateTuning=false"
if /i "%1"=="Tuning" set "MutateTuning=true"
pushd test\Microsoft.ML.LrFinder.MutationTests
dotnet stryker --config-file ..\..\eng\stryker-config.json --mutate "**/Microsoft.ML.LrFinder/%1/**/*.cs" --output "..\..\artifacts\mutation\%1" --skip-version-check
if errorlevel 1 set STATUS=1
popd
exit /b %ERRORLEVEL%
