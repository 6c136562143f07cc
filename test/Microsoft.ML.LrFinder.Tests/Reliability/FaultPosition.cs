namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>The iteration a fault is injected at.</summary>
public enum FaultPosition
{
    First,
    Middle,
    Last,
}
