using System.Diagnostics;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Trainers.Observation;

/// <summary>
/// Reads a trainer's own optimizer (and, where its head is reachable, its own loss) at every step of a finder's sweep and of
/// every fit that follows, by the tests' own reflection (<see cref="InternalTrainer"/>), never through the hook's view:
/// <list type="bullet">
/// <item>sweep: the hook hands over each throwaway internal trainer it builds; at each <c>LrFinder: batch k/n</c> line (written
/// after step k, before the next rate is set) the optimizer holds the rate step k used, and the head's logits hold the gradient
/// of the loss step k minimised;</item>
/// <item>fits: every value read after the sweep (through <see cref="ObservedDataView"/>) is either read inside a call of a
/// Microsoft.ML.TorchSharp trainer's <c>Fit</c> (on the call stack) or outside one (scoring a model: the tuning step's probes).
/// Inside a fit, the running internal trainer is found through the context's progress tracker (<see cref="RunningFit"/>); a
/// new internal trainer starts a new <see cref="ObservedFit"/>. The values one cursor reads while the trainer's step count
/// stands still make up its next step, and the optimizer then holds the rate that step uses. When a fit's cursor runs out, a
/// copy of its optimizer's state is kept.</item>
/// </list>
/// </summary>
internal sealed class TrainerObserver : IDisposable
{
    private const string HeadModuleSuffix = "Classifier.dense";

    private readonly MLContext _mlContext;
    private readonly Func<Tensor, Tensor, double>? _headLoss;
    private readonly List<SweepStep> _sweepSteps = [];
    private readonly List<ObservedFit> _fits = [];
    private readonly HashSet<long> _rowsReadOutsideFits = [];
    private readonly List<long> _rowsReadBeforeTrainingLoop = [];
    private InternalTrainer? _sweepTrainer;
    private Tensor? _logits;
    private bool _sweepEnded = true;
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

    /// <summary>Every fit observed after the sweep, in order (the tuning step's probes, then the real fit).</summary>
    public IReadOnlyList<ObservedFit> Fits => _fits;

    /// <summary>The last fit observed: the real one.</summary>
    public ObservedFit LastFit => _fits.Count > 0 ? _fits[^1] : throw new InvalidOperationException("no fit read a row of the observed data.");

    /// <summary>The positions of the rows whose values were read after the sweep while no trainer's <c>Fit</c> was running.</summary>
    public IReadOnlyCollection<long> RowsReadOutsideFits => _rowsReadOutsideFits;

    /// <summary>Whether to copy each fit's optimizer state when its data runs out (default false: a copy costs twice the model for Adam).</summary>
    public bool CopiesOptimizerState { get; init; }

    /// <summary>When set, the rate written into the fit's optimizer before its step i (replaying a sweep through the fit).</summary>
    public Func<int, double>? DriveFitRate { get; init; }

    /// <summary>Observes the sweep of <paramref name="finder"/>; the fits are observed once the sweep has ended.</summary>
    public void ObserveSweepOf<TTransformer>(LrFinderEstimator<TTransformer> finder)
        where TTransformer : class, ITransformer
    {
        finder.Target.InternalTrainerCreated = OnSweepTrainer;
        _sweepEnded = false;
    }

    /// <summary>The data to train on: <paramref name="data"/>, with every value read reported to this observer.</summary>
    public IDataView Observe(IDataView data) => new ObservedDataView(data, OnValueRead, OnExhausted);

    public void Dispose() => _mlContext.Log -= OnLog;

    // A read inside a fit runs under a Fit method of a Microsoft.ML.TorchSharp trainer; scoring runs under Transform.
    private static bool InsideTrainersFit()
    {
        var trainers = typeof(Microsoft.ML.TorchSharp.TorchSharpCatalog).Assembly;
        return new StackTrace(skipFrames: 2, fNeedFileInfo: false).GetFrames()
            .Select(f => f.GetMethod())
            .Any(m => m is not null && m.Name == "Fit" && m.DeclaringType?.Assembly == trainers);
    }

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
            _sweepEnded = true;
        }
    }

    private void OnValueRead(int cursor, long position)
    {
        if (!_sweepEnded)
        {
            return;
        }

        if (!InsideTrainersFit())
        {
            _rowsReadOutsideFits.Add(position);
            return;
        }

        // The fit's internal trainer exists once its Fit has set its progress header, just before the training loop; what the
        // fit reads before (the NAS-BERT trainers count the rows and labels) belongs to the fit whose trainer appears next.
        if (RunningFit.FindInternalTrainer(_mlContext) is not { } running)
        {
            _rowsReadBeforeTrainingLoop.Add(position);
            return;
        }

        if (_fits.Count == 0 || !ReferenceEquals(_fits[^1].Trainer.Instance, running))
        {
            _fits.Add(new ObservedFit(new InternalTrainer(running)));
            _fitStep = null;
        }

        var fit = _fits[^1];
        _rowsReadBeforeTrainingLoop.ForEach(fit.AddRow);
        _rowsReadBeforeTrainingLoop.Clear();
        fit.AddRow(position);
        var step = (cursor, fit.Trainer.Updates);
        if (_fitStep == step)
        {
            if (fit.Trainer.LearningRate != fit.StepRates[^1])
            {
                throw new InvalidOperationException($"the learning rate changed within step {fit.StepRates.Count}.");
            }

            return;
        }

        _fitStep = step;
        if (DriveFitRate is { } drive)
        {
            fit.Trainer.SetLearningRate(drive(fit.StepRates.Count));
        }

        fit.AddStep(fit.Trainer.LearningRate);
    }

    private void OnExhausted(int cursor)
    {
        if (CopiesOptimizerState && _sweepEnded && _fits.Count > 0 && InsideTrainersFit()
            && RunningFit.FindInternalTrainer(_mlContext) is { } running && ReferenceEquals(_fits[^1].Trainer.Instance, running))
        {
            _fits[^1].KeepOptimizerState(TrainedState.CopyOptimizerState(_fits[^1].Trainer));
        }
    }

    /// <summary>What the trainer held at one sweep step.</summary>
    /// <param name="OptimizerLearningRate">The rate in the trainer's optimizer when the step ran.</param>
    /// <param name="TrainerLoss">The trainer's own loss for the step, from its head; null when the head is not reachable.</param>
    public sealed record SweepStep(double OptimizerLearningRate, double? TrainerLoss);
}
