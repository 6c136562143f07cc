using System.CommandLine;
using Microsoft.ML.LrFinder.Cli.Input;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Cli.Trainers;

/// <summary>
/// <c>lrfind ner</c>: ML.NET's NamedEntityRecognition trainer (NAS-BERT). The label column holds one tag per word of the
/// sentence, separated by spaces (<c>PER O O LOC</c>); the tags are mapped to keys.
/// </summary>
internal sealed class NerCommand : TrainerCommand
{
    private const string TextRole = "--text-col";
    private const string TagTokens = "__lrfind_tags";

    public NerCommand()
        : base("ner", "Sweep ML.NET's NamedEntityRecognition trainer (NAS-BERT) on your data.", TorchSharpTrainerKind.NamedEntityRecognition, defaultBatchSize: 32)
    {
    }

    protected override string LabelDescription => "The tags column: one tag per word of the sentence, separated by spaces.";

    protected override IReadOnlyDictionary<string, Option<string>> AddColumnOptions(System.CommandLine.Command command)
    {
        var text = new Option<string>(TextRole) { Description = "The sentence column (words separated by spaces). Name or 0-based index.", HelpName = "column", Required = true };
        command.Options.Add(text);
        return new Dictionary<string, Option<string>> { [TextRole] = text };
    }

    protected override PreparedData Prepare(MLContext mlContext, TrainerRun run, TabularDataset train, TabularDataset? validation)
    {
        string label = train.Column(run.LabelColumn, "--label-col");
        string text = train.Column(run.Columns[TextRole], TextRole);
        var conversions = mlContext.Transforms.Text.TokenizeIntoWords(TagTokens, label, [' '])
            .Append(mlContext.Transforms.Conversion.MapValueToKey(TrainerColumns.Label, TagTokens));
        return Fit(conversions, train, validation, ("tags", label), ("text", text));
    }

    protected override bool PredictsKeys => true;

    protected override IEstimator<ITransformer> CreateTrainer(MLContext mlContext, TrainerRun run, PreparedData data, double? learningRate) =>
        mlContext.MulticlassClassification.Trainers.NamedEntityRecognition(Options(run, data, learningRate));

    private static NerTrainer.NerOptions Options(TrainerRun run, PreparedData data, double? learningRate)
    {
        var options = new NerTrainer.NerOptions
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
