using System.CommandLine;
using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Cli.Input;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Cli.Trainers;

/// <summary><c>lrfind sentence-similarity</c>: ML.NET's SentenceSimilarity trainer (NAS-BERT, regression on a pair of texts).</summary>
internal sealed class SentenceSimilarityCommand : TrainerCommand
{
    private const string Sentence1Role = "--sentence1-col";
    private const string Sentence2Role = "--sentence2-col";

    public SentenceSimilarityCommand()
        : base("sentence-similarity", "Sweep ML.NET's SentenceSimilarity trainer (NAS-BERT) on your data.", TorchSharpTrainerKind.SentenceSimilarity, defaultBatchSize: 32)
    {
    }

    protected override string LabelDescription => "The similarity score column (a number).";

    protected override IReadOnlyDictionary<string, Option<string>> AddColumnOptions(System.CommandLine.Command command)
    {
        var first = new Option<string>(Sentence1Role) { Description = "The first text column. Name or 0-based index.", HelpName = "column", Required = true };
        var second = new Option<string>(Sentence2Role) { Description = "The second text column. Name or 0-based index.", HelpName = "column", Required = true };
        command.Options.Add(first);
        command.Options.Add(second);
        return new Dictionary<string, Option<string>> { [Sentence1Role] = first, [Sentence2Role] = second };
    }

    protected override PreparedData Prepare(MLContext mlContext, TrainerRun run, TabularDataset train, TabularDataset? validation)
    {
        string label = train.Column(run.LabelColumn, "--label-col");
        RequireNumbers(train, label);
        if (validation is not null)
        {
            RequireNumbers(validation, validation.Column(run.LabelColumn, "--label-col"));
        }

        string first = train.Column(run.Columns[Sentence1Role], Sentence1Role);
        string second = train.Column(run.Columns[Sentence2Role], Sentence2Role);
        return Fit(
            mlContext.Transforms.Conversion.ConvertType(TrainerColumns.Label, label, DataKind.Single),
            train,
            validation,
            ("label", label),
            ("sentence 1", first),
            ("sentence 2", second));
    }

    protected override IEstimator<ITransformer> CreateTrainer(MLContext mlContext, TrainerRun run, PreparedData data, double? learningRate) =>
        mlContext.Regression.Trainers.SentenceSimilarity(Options(run, data, learningRate));

    // ML.NET's conversion turns a score that is not a number into NaN without a word, and a NaN label makes the sweep's
    // loss NaN at that batch: the sweep would stop there and blame the learning rate.
    private static void RequireNumbers(TabularDataset dataset, string column)
    {
        int row = 0;
        foreach (string value in dataset.Values(column))
        {
            row++;
            if (!float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                throw new CliUsageException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"--label-col '{column}': {dataset.Path}, data row {row}: '{value}' is not a number; the similarity score must be one."));
            }
        }
    }

    private static SentenceSimilarityTrainer.SentenceSimilarityOptions Options(TrainerRun run, PreparedData data, double? learningRate)
    {
        var options = new SentenceSimilarityTrainer.SentenceSimilarityOptions
        {
            LabelColumnName = TrainerColumns.Label,
            Sentence1ColumnName = data.Columns.Single(c => c.Role == "sentence 1").Column,
            Sentence2ColumnName = data.Columns.Single(c => c.Role == "sentence 2").Column,
            BatchSize = run.BatchSize ?? 32,
            MaxEpoch = run.MaxEpochs,
            ValidationSet = data.Validation,
        };
        if (learningRate is { } lr)
        {
            options.LearningRate = [lr];
        }

        return options;
    }
}
