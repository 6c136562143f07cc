namespace Microsoft.ML.LrFinder.Tests.Reliability.Properties;

/// <summary>
/// How many cases each property tries per run. Together they take a few seconds on two shared cores; FsCheck picks a new
/// random seed each run, so CI explores new cases every time.
/// </summary>
public static class PropertyCounts
{
    public const int Curves = 1000;
    public const int RawCurves = 1000;
    public const int Analyses = 300;
    public const int Schedules = 1000;
    public const int Sweeps = 1000;
    public const int Options = 1000;
    public const int CsvRoundTrips = 200;
}
