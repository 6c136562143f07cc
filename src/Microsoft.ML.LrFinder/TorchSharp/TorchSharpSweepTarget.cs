using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// Sweeps any TorchSharp module: one optimizer step per sweep iteration over one or more batches, every iteration inside
/// its own dispose scope.
/// </summary>
internal sealed class TorchSharpSweepTarget : ILrSweepTarget
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly OptimizerHelper optimizer;
    private readonly Func<Tensor, Tensor, Tensor> lossFunction;
    private readonly IEnumerable<(Tensor Input, Tensor Target)> batches;
    private readonly TorchSharpLrFinderOptions options;
    private readonly Device device;
    private TorchSharpTrainingState? snapshot;
    private BatchCycler? cycler;
    private (optim.ILearningRateController Group, double Ratio)[] groups = [];

    public TorchSharpSweepTarget(
        nn.Module<Tensor, Tensor> model,
        OptimizerHelper optimizer,
        Func<Tensor, Tensor, Tensor> lossFunction,
        IEnumerable<(Tensor Input, Tensor Target)> batches,
        TorchSharpLrFinderOptions options)
    {
        this.model = model;
        this.optimizer = optimizer;
        this.lossFunction = lossFunction;
        this.batches = batches;
        this.options = options;
        device = model.parameters().FirstOrDefault()?.device
            ?? throw new ArgumentException("must have at least one parameter.", nameof(model));
    }

    public void Snapshot()
    {
        snapshot = TorchSharpTrainingState.Capture(model, optimizer);
        cycler = new BatchCycler(batches);

        // Each group keeps its ratio to the first group's learning rate; the curve records the first group's.
        var all = optimizer.ParamGroups.ToArray();
        double reference = all.Length > 0 ? all[0].LearningRate : 0;
        bool proportional = double.IsFinite(reference) && reference > 0;
        groups = all.Select(g => (g, proportional ? g.LearningRate / reference : 1.0)).ToArray();

        if (options.Seed is { } seed)
        {
            using var generator = random.manual_seed(seed);
        }

        model.train();
    }

    public double Step(double learningRate)
    {
        foreach (var (group, ratio) in groups)
        {
            group.LearningRate = learningRate * ratio;
        }

        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        int accumulation = options.GradientAccumulationSteps;
        double total = 0;
        for (int i = 0; i < accumulation; i++)
        {
            var (input, target) = cycler!.Next();
            var loss = Loss(input, target);
            total += ToDouble(loss);
            (accumulation == 1 ? loss : loss / accumulation).backward();
        }

        if (options.MaxGradientNorm is { } maxNorm)
        {
            nn.utils.clip_grad_norm_(model.parameters(), maxNorm);
        }

        optimizer.step();
        return options.ValidationBatches is { } validation ? ValidationLoss(validation) : total / accumulation;
    }

    public void Restore()
    {
        cycler?.Dispose();
        cycler = null;
        if (snapshot is { } saved)
        {
            snapshot = null;
            using (saved)
            {
                saved.Restore();
            }
        }
    }

    internal double ValidationLoss(IReadOnlyList<(Tensor Input, Tensor Target)> validation)
    {
        model.eval();
        try
        {
            using var noGrad = no_grad();
            double total = 0;
            foreach (var (input, target) in validation)
            {
                total += ToDouble(Loss(input, target));
            }

            return total / validation.Count;
        }
        finally
        {
            model.train();
        }
    }

    private Tensor Loss(Tensor input, Tensor target)
    {
        var prediction = model.call(OnDevice(input));
        var loss = lossFunction(prediction, OnDevice(target))
            ?? throw new InvalidOperationException("The loss function returned null.");
        if (loss.numel() != 1)
        {
            throw new InvalidOperationException(FormattableString.Invariant(
                $"The loss function must return a single value; it returned a tensor of shape [{string.Join(", ", loss.shape)}]."));
        }

        return loss;
    }

    private Tensor OnDevice(Tensor tensor) =>
        tensor.device_type == device.type && tensor.device_index == device.index ? tensor : tensor.to(device);

    private static double ToDouble(Tensor loss) =>
        loss.dtype == ScalarType.Float64 ? loss.item<double>() : loss.to_type(ScalarType.Float64).item<double>();
}
