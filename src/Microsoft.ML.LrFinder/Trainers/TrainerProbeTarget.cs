namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// A probe of an ML.NET TorchSharp trainer: a short real fit through the trainer's public <c>Fit</c> (its own model, optimizer,
/// one-cycle schedule and batch size, at the candidate learning rate, over fewer epochs or rows), scored on held-out data.
/// </summary>
/// <remarks>
/// Each probe builds a fresh model from the trainer's options, as the real fit will, so every probe starts from the same state.
/// What a fit changes outside its model is put back: the trainer's options (swapped for a copy only during the fit) and torch's
/// random generator, so the real fit draws what it would have drawn without the probes. The fitted probe model is disposed.
/// </remarks>
internal sealed class TrainerProbeTarget<TTransformer> : ILrProbeTarget
    where TTransformer : class, ITransformer
{
    private readonly ITrainerHook<TTransformer> target;
    private readonly IDataView training;
    private readonly long trainingRows;
    private readonly IDataView validation;

    public TrainerProbeTarget(ITrainerHook<TTransformer> target, IDataView training, long trainingRows, IDataView validation)
    {
        this.target = target;
        this.training = training;
        this.trainingRows = trainingRows;
        this.validation = validation;
    }

    /// <summary>The optimizer steps of one epoch over <paramref name="rows"/> rows: the trainer trains a last, partial batch too.</summary>
    public static int StepsPerEpoch(long rows, int batchSize) => (int)Math.Max(1, (rows + batchSize - 1) / batchSize);

    public LrTuneCandidate Probe(double learningRate, int steps, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // A probe of at least an epoch trains whole epochs over every row (the nearest count); a shorter one trains one epoch
        // over the first rows, so that its one-cycle schedule still runs from start to end.
        int perEpoch = StepsPerEpoch(trainingRows, target.BatchSize);
        IDataView data = training;
        int epochs = 1;
        int stepsRun = perEpoch;
        if (steps >= perEpoch)
        {
            epochs = Math.Max(1, (int)Math.Round(steps / (double)perEpoch));
            stepsRun = epochs * perEpoch;
        }
        else
        {
            data = new MLContext().Data.TakeRows(training, (long)steps * target.BatchSize);
            stepsRun = steps;
        }

        double loss;
        using (TorchRandomState.RestoredWhenDisposed())
        {
            var model = target.FitProbe(data, learningRate, epochs);
            try
            {
                loss = target.ValidationLoss(model, validation);
            }
            finally
            {
                (model as IDisposable)?.Dispose();
            }
        }

        return new LrTuneCandidate(learningRate, double.IsFinite(loss) ? loss : double.PositiveInfinity, stepsRun);
    }
}
