namespace Microsoft.ML.LrFinder.Tests.Reliability.Properties;

/// <summary>The kinds of loss curve the property tests generate; each is something a sweep or a curve file can produce.</summary>
public enum CurveShape
{
    /// <summary>fastai's textbook shape: flat, a fall, a minimum, an explosion; with or without noise.</summary>
    RangeTest,

    /// <summary>Noise around a constant level, from tiny to enormous spread.</summary>
    Noisy,

    /// <summary>One value repeated (0, −0, negative, tiny, huge).</summary>
    Constant,

    /// <summary>Never decreases (plateaus included).</summary>
    MonotoneUp,

    /// <summary>Never increases (plateaus included).</summary>
    MonotoneDown,

    /// <summary>A range-test shape shifted below zero (log-likelihood style losses).</summary>
    Negative,

    /// <summary>A noisy curve with NaN, ±∞, ±MaxValue, ε and zeros sprinkled in.</summary>
    Specials,

    /// <summary>Random signs and magnitudes from subnormal to 1e308.</summary>
    Extreme,

    /// <summary>Every loss NaN, as when the first step already blew up.</summary>
    AllNaN,
}
