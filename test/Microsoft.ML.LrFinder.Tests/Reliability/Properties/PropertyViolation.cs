namespace Microsoft.ML.LrFinder.Tests.Reliability.Properties;

/// <summary>
/// Thrown by a property's check. FsCheck reports it with the counter-example; NUnit's own asserts are not used inside
/// properties because they record every failing attempt, shrinks included, in the test result.
/// </summary>
public sealed class PropertyViolation(string message) : Exception(message);
