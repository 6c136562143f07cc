namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>The training setups the generic finder's fault matrix runs on; each stresses a different part of the snapshot.</summary>
public enum GenericSetup
{
    /// <summary>Adam after three warm-up steps (moments, step counts and gradients exist), BatchNorm buffers, dropout, model left in eval mode.</summary>
    WarmAdam,

    /// <summary>A fresh SGD with momentum: no gradients and no momentum buffers before the sweep; the sweep creates both.</summary>
    FreshSgdMomentum,

    /// <summary>AdamW with two parameter groups, gradient accumulation over 2 batches, clipping and validation batches.</summary>
    AdamWAccumulating,
}
