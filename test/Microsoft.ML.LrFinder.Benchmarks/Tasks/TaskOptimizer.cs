namespace Microsoft.ML.LrFinder.Benchmarks.Tasks;

/// <summary>The optimizer a task's budget (and its sweep) uses.</summary>
internal enum TaskOptimizer
{
    /// <summary>Adam with PyTorch's defaults (β = 0.9, 0.999; ε = 1e-8; no weight decay).</summary>
    Adam,

    /// <summary>SGD with momentum 0.9, no weight decay.</summary>
    SgdMomentum,

    /// <summary>AdamW with PyTorch's defaults (β = 0.9, 0.999; ε = 1e-8) and decoupled weight decay 0.01.</summary>
    AdamW,
}
