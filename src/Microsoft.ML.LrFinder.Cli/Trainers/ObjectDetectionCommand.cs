using System.CommandLine;
using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Cli.Input;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.AutoFormerV2;

namespace Microsoft.ML.LrFinder.Cli.Trainers;

/// <summary>
/// <c>lrfind object-detection</c>: ML.NET's ObjectDetection trainer (AutoFormerV2). Each row names an image file, its objects'
/// labels (comma-separated) and their boxes (comma-separated numbers, four per label: left, top, right, bottom, in pixels).
/// The trainer takes one image per step and has no batch size.
/// </summary>
internal sealed class ObjectDetectionCommand : TrainerCommand
{
    private const string ImageRole = "--image-col";
    private const string BoxRole = "--box-col";
    private const string FolderRole = "--image-folder";
    private const string Image = "__lrfind_image";
    private const string Boxes = "__lrfind_boxes";
    private const string LabelTokens = "__lrfind_label_tokens";
    private const string BoxTokens = "__lrfind_box_tokens";

    public ObjectDetectionCommand()
        : base("object-detection", "Sweep ML.NET's ObjectDetection trainer (AutoFormerV2) on your images.", TorchSharpTrainerKind.ObjectDetection, defaultBatchSize: null)
    {
    }

    protected override string LabelDescription => "The labels column: the objects' labels, comma-separated.";

    protected override string DefaultLabelColumn => "Labels";

    protected override IReadOnlyDictionary<string, Option<string>> AddColumnOptions(System.CommandLine.Command command)
    {
        var image = new Option<string>(ImageRole) { Description = "The image file column. Name or 0-based index.", HelpName = "column", DefaultValueFactory = _ => "ImagePath" };
        var box = new Option<string>(BoxRole) { Description = "The boxes column: left,top,right,bottom per label, comma-separated. Name or 0-based index.", HelpName = "column", DefaultValueFactory = _ => "Box" };
        var folder = new Option<string>(FolderRole) { Description = "The folder image paths are relative to. Default: the dataset's folder.", HelpName = "folder" };
        command.Options.Add(image);
        command.Options.Add(box);
        command.Options.Add(folder);
        return new Dictionary<string, Option<string>> { [ImageRole] = image, [BoxRole] = box, [FolderRole] = folder };
    }

    protected override PreparedData Prepare(MLContext mlContext, TrainerRun run, TabularDataset train, TabularDataset? validation)
    {
        string labels = train.Column(run.LabelColumn, "--label-col");
        string image = train.Column(run.Columns[ImageRole], ImageRole);
        string boxes = train.Column(run.Columns[BoxRole], BoxRole);
        string folder = run.Columns[FolderRole] is { Length: > 0 } given
            ? given
            : Path.GetDirectoryName(Path.GetFullPath(train.Path))!;
        if (!Directory.Exists(folder))
        {
            throw new CliUsageException($"{FolderRole} '{folder}' does not exist.");
        }

        int row = 0;
        foreach (string file in train.Values(image))
        {
            row++;
            if (!File.Exists(Path.Combine(folder, file.Trim())))
            {
                throw new CliUsageException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{ImageRole} '{image}', row {row}: image '{file}' does not exist in '{folder}' (set {FolderRole})."));
            }
        }

        var conversions = mlContext.Transforms.LoadImages(Image, folder, image)
            .Append(mlContext.Transforms.Text.TokenizeIntoWords(LabelTokens, labels, [',']))
            .Append(mlContext.Transforms.Conversion.MapValueToKey(TrainerColumns.Label, LabelTokens))
            .Append(mlContext.Transforms.Text.TokenizeIntoWords(BoxTokens, boxes, [',']))
            .Append(mlContext.Transforms.Conversion.ConvertType(Boxes, BoxTokens, DataKind.Single));
        return Fit(conversions, train, validation, ("labels", labels), ("image", image), ("boxes", boxes), ("image folder", folder));
    }

    protected override bool PredictsKeys => true;

    protected override IEstimator<ITransformer> CreateTrainer(MLContext mlContext, TrainerRun run, PreparedData data, double? learningRate) =>
        mlContext.MulticlassClassification.Trainers.ObjectDetection(Options(run, data, learningRate));

    private static ObjectDetectionTrainer.Options Options(TrainerRun run, PreparedData data, double? learningRate)
    {
        var options = new ObjectDetectionTrainer.Options
        {
            LabelColumnName = TrainerColumns.Label,
            ImageColumnName = Image,
            BoundingBoxColumnName = Boxes,
            MaxEpoch = run.MaxEpochs,
            ValidationSet = data.Validation,
        };
        if (learningRate is { } lr)
        {
            options.InitLearningRate = lr;
        }

        return options;
    }
}
