using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers.Observation;

/// <summary>
/// Reads a trainer's own optimizer (and, where its head is reachable, its own loss) at every step of a finder's sweep and of
/// the fit that follows, by the tests' own reflection (<see cref="InternalTrainer"/>), never through the hook's view:
/// <list type="bullet">
/// <item>sweep: the hook hands over each throwaway internal trainer it builds; at each <c>LrFinder: batch k/n</c> line (written
/// after step k, before the next rate is set) the optimizer holds the rate step k used, and the head's logits hold the gradient
/// of the loss step k minimised;</item>
/// <item>fit: the running fit's internal trainer is found through the context's progress tracker (<see cref="RunningFit"/>);
/// each row the trainer reads (through <see cref="ObservedDataView"/>) belongs to its next step, and the optimizer then
/// holds the rate that step uses.</item>
/// </list>
/// </summary>
internal sealed class TrainerObserver : IDisposable
{
    private const string HeadModuleSuffix = "Classifier.dense";

    private readonly MLContext _mlContext;
    private readonly Func<Tensor, Tensor, double>? _headLoss;
    private readonly List<SweepStep> _sweepSteps = [];
    private readonly List<double> _fitStepRates = [];
    private InternalTrainer? _sweepTrainer;
    private InternalTrainer? _fitTrainer;
    private Tensor? _logits;
    private bool _fitStarted = true;
    private (int Cursor, int Updates)? _fitStep;

    /// <param name="mlContext">The context the trainer runs on.</param>
    /// <param name="headLoss">The trainer's loss from its head's logits and their gradient; null when the head is not reachable.</param>
    public TrainerObserver(MLContext mlContext, Func<Tensor, Tensor, double>? headLoss)
    {
        _mlContext = mlContext;
        _headLoss = headLoss;
        _mlContext.Log += OnLog;
    }

    /// <summary>One sweep step as the trainer saw it: the rate in its optimizer and its own loss (null without a head).</summary>
    public IReadOnlyList<SweepStep> SweepSteps => _sweepSteps;

    /// <summary>The rate in the fit's optimizer at each of its steps.</summary>
    public IReadOnlyList<double> FitStepRates => _fitStepRates;

    /// <summary>When set, the rate written into the fit's optimizer before its step i (replaying a sweep through the fit).</summary>
    public Func<int, double>? DriveFitRate { get; init; }

    /// <summary>Observes the sweep of <paramref name="finder"/>; its fit is observed once the sweep has ended.</summary>
    public void ObserveSweepOf<TTransformer>(LrFinderEstimator<TTransformer> finder)
        where TTransformer : class, ITransformer
    {
        finder.Target.InternalTrainerCreated = OnSweepTrainer;
        _fitStarted = false;
    }

    /// <summary>The data to train on: <paramref name="data"/>, with every row read reported to this observer.</summary>
    public IDataView Observe(IDataView data) => new ObservedDataView(data, OnRow);

    public void Dispose() => _mlContext.Log -= OnLog;

    private void OnSweepTrainer(object trainer)
    {
        _sweepTrainer = new InternalTrainer(trainer);
        if (_headLoss is null)
        {
            return;
        }

        var heads = _sweepTrainer.Model.named_modules().Where(m => m.name.EndsWith(HeadModuleSuffix, StringComparison.Ordinal)).ToList();
        if (heads is not [var (_, head)] || head is not nn.Module<Tensor, Tensor> dense)
        {
            throw new InvalidOperationException($"expected one head layer named *{HeadModuleSuffix}, found {heads.Count}.");
        }

        dense.register_forward_hook((_, _, logits) =>
        {
            logits.retain_grad();
            _logits = logits;
            return logits;
        });
    }

    private void OnLog(object? sender, LoggingEventArgs e)
    {
        string message = e.RawMessage ?? string.Empty;
        if (_sweepTrainer is { } trainer && message.StartsWith("LrFinder: batch ", StringComparison.Ordinal))
        {
            double? loss = null;
            if (_headLoss is not null)
            {
                var logits = _logits ?? throw new InvalidOperationException("the step ran no forward pass through the head.");
                using var gradient = logits.grad ?? throw new InvalidOperationException("the head's logits have no gradient.");
                loss = _headLoss(logits, gradient);
                _logits = null;
            }

            _sweepSteps.Add(new SweepStep(trainer.LearningRate, loss));
        }
        else if (message.StartsWith("LrFinder: ", StringComparison.Ordinal) && message.Contains("sweep ended", StringComparison.Ordinal))
        {
            _sweepTrainer = null;
            _logits = null;
            _fitStarted = true;
        }
    }

    private void OnRow(int cursor)
    {
        if (!_fitStarted)
        {
            return;
        }

        // The fit's internal trainer exists once its Fit has set its progress header, just before the training loop.
        if (_fitTrainer is null && RunningFit.FindInternalTrainer(_mlContext) is { } running)
        {
            _fitTrainer = new InternalTrainer(running);
        }

        if (_fitTrainer is not { } trainer)
        {
            return;
        }

        // Rows read by one cursor while the trainer's step count stands still make up its next step.
        var step = (cursor, trainer.Updates);
        if (_fitStep == step)
        {
            if (trainer.LearningRate != _fitStepRates[^1])
            {
                throw new InvalidOperationException($"the learning rate changed within step {_fitStepRates.Count}.");
            }

            return;
        }

        _fitStep = step;
        if (DriveFitRate is { } drive)
        {
            trainer.SetLearningRate(drive(_fitStepRates.Count));
        }

        _fitStepRates.Add(trainer.LearningRate);
    }

    /// <summary>What the trainer held at one sweep step.</summary>
    /// <param name="OptimizerLearningRate">The rate in the trainer's optimizer when the step ran.</param>
    /// <param name="TrainerLoss">The trainer's own loss for the step, from its head; null when the head is not reachable.</param>
    public sealed record SweepStep(double OptimizerLearningRate, double? TrainerLoss);
}
