namespace Microsoft.ML.LrFinder;

/// <summary>
/// How the selected learning rate will be used in training. A good constant rate is not a good one-cycle peak: the cycle
/// spends most of its steps well below its peak, so it tolerates a higher one. The default rule reads the curve with the
/// constants fitted for this use (docs/suggestions.md).
/// </summary>
public enum LrTrainingSchedule
{
    /// <summary>The rate is used as it is for the whole fit (a plain optimizer loop, or step decay from it).</summary>
    Constant,

    /// <summary>The rate is the peak of a one-cycle schedule (fastai's <c>fit_one_cycle</c>; ML.NET's NAS-BERT and QA trainers).</summary>
    OneCycle,
}
