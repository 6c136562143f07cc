using System.CommandLine;
using Microsoft.ML.LrFinder.Cli.Input;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Cli.Trainers;

/// <summary><c>lrfind text-classification</c>: ML.NET's TextClassification trainer (NAS-BERT); the label may be of any type.</summary>
internal sealed class TextClassificationCommand : TrainerCommand
{
    private const string TextRole = "--text-col";

    public TextClassificationCommand()
        : base("text-classification", "Sweep ML.NET's TextClassification trainer (NAS-BERT) on your data.", TorchSharpTrainerKind.TextClassification, defaultBatchSize: 32)
    {
    }

    protected override string LabelDescription => "The class column; any values (0/1, names, …) are mapped to keys as mlnet does.";

    protected override IReadOnlyDictionary<string, Option<string>> AddColumnOptions(System.CommandLine.Command command)
    {
        var text = new Option<string>(TextRole) { Description = "The text column. Name or 0-based index.", HelpName = "column", Required = true };
        command.Options.Add(text);
        return new Dictionary<string, Option<string>> { [TextRole] = text };
    }

    protected override PreparedData Prepare(MLContext mlContext, TrainerRun run, TabularDataset train, TabularDataset? validation)
    {
        string label = train.Column(run.LabelColumn, "--label-col");
        string text = train.Column(run.Columns[TextRole], TextRole);
        return Fit(mlContext.Transforms.Conversion.MapValueToKey(TrainerColumns.Label, label), train, validation, ("label", label), ("text", text));
    }

    protected override bool PredictsKeys => true;

    protected override IEstimator<ITransformer> CreateTrainer(MLContext mlContext, TrainerRun run, PreparedData data, double? learningRate) =>
        mlContext.MulticlassClassification.Trainers.TextClassification(Options(run, data, learningRate));

    private static TextClassificationTrainer.TextClassificationOptions Options(TrainerRun run, PreparedData data, double? learningRate)
    {
        var options = new TextClassificationTrainer.TextClassificationOptions
        {
            LabelColumnName = TrainerColumns.Label,
            Sentence1ColumnName = data.Columns.Single(c => c.Role == "text").Column,
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
