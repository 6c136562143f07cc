namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>The ML.NET trainers the trainer fault matrix sweeps, both through the NAS-BERT hook.</summary>
public enum TrainerFamily
{
    /// <summary>Key label, cross-entropy: faults that come from the data's text, the log or cancellation.</summary>
    TextClassification,

    /// <summary>Float label, squared error: also NaN, infinite and exploding labels, which make exactly those losses.</summary>
    SentenceSimilarity,
}
