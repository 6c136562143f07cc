using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// A fitted model scored on held-out rows: in evaluation mode (dropout off, batch normalisation on its running statistics) and
/// without gradients until disposed, then back in the mode it was in. The tuning step's held-out losses run inside one.
/// </summary>
internal sealed class EvaluationScope : IDisposable
{
    private readonly nn.Module model;
    private readonly bool wasTraining;
    private readonly IDisposable noGradient;

    public EvaluationScope(nn.Module model)
    {
        this.model = model;
        wasTraining = model.training;
        model.eval();
        noGradient = no_grad();
    }

    public void Dispose()
    {
        noGradient.Dispose();
        model.train(wasTraining);
    }
}
