// A user's console app: it references the Microsoft.ML.LrFinder package and a TorchSharp native backend, nothing else, and
// uses only the public API, as docs/getting-started.md shows. PackageConsumerTests copies it to a folder outside the repository,
// restores it from a folder feed holding the freshly packed library, builds and runs it.
// Usage: Consumer <detox comments .tsv> <folder for ML.NET's temp files>
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.LrFinder;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string comments = args[0];
string mlNetTempFolder = args[1];

// (a) The generic finder on a small TorchSharp classifier, with a loss module's call method as the loss function.
random.manual_seed(1);
var model = nn.Sequential(("hidden", nn.Linear(8, 32)), ("relu", nn.ReLU()), ("output", nn.Linear(32, 3)));
var inputs = randn(256, 8);
var targets = inputs.narrow(1, 0, 3).argmax(1);
var batches = Enumerable.Range(0, 8).Select(i => (inputs.narrow(0, i * 32, 32), targets.narrow(0, i * 32, 32))).ToList();
var generic = TorchSharpLrFinder.Find(
    model, optim.Adam(model.parameters()), nn.CrossEntropyLoss().call, batches, new TorchSharpLrFinderOptions { NumberOfIterations = 100, Seed = 1 });
Console.WriteLine($"generic finder: {generic.StopReason} after {generic.IterationsRun} iterations; selected learning rate {Rate(generic.SelectedLearningRate)}");

// (b) ML.NET's TextClassification trainer with WithLrFinder(), offline: random trial weights stand in for the download.
var mlContext = new MLContext(seed: 1) { TempFilePath = mlNetTempFolder };
mlContext.LrFinder().WriteRandomWeights(TorchSharpTrainerKind.TextClassification);
var data = mlContext.Data.LoadFromTextFile<Comment>(comments, hasHeader: true, separatorChar: '\t');
var options = new TextClassificationTrainer.TextClassificationOptions
{
    LabelColumnName = "Label",
    Sentence1ColumnName = nameof(Comment.Text),
    BatchSize = 8,
    MaxEpoch = 1,
};
var progress = new CountingProgress();
var trainer = mlContext.MulticlassClassification.Trainers.TextClassification(options)
    .WithLrFinder(new LrFinderTrainerOptions { NumberOfIterations = 40, Seed = 1 }, progress);
var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(Comment.Toxic)).Append(trainer);
var fitted = pipeline.Fit(data);
// Scoring is the app's own convolution work: the finder's NNPACK switch covers its sweep and fit only, so the app turns
// NNPACK off around it as docs/compatibility.md tells users to (without it, on a CPU NNPACK does not support, libtorch
// prints about a thousand warnings while these 64 comments are scored).
long scored;
using (LibTorchNnpack.Disable())
{
    scored = fitted.Transform(data).GetColumn<uint>("PredictedLabel").LongCount();
}

var result = trainer.LastResult!;
Console.WriteLine(
    $"text classification: {result.StopReason} after {result.IterationsRun} iterations ({progress.Reports} progress reports); "
    + $"selected learning rate {Rate(result.SelectedLearningRate)}; fitted with {Rate(trainer.LastLearningRate)}; {scored} rows scored");
return result.SelectedLearningRate is null || generic.SelectedLearningRate is null ? 1 : 0;

static string Rate(double? learningRate) => learningRate is { } value ? value.ToString("G3", CultureInfo.InvariantCulture) : "none";

/// <summary>One detox comment: the label (1 toxic, 0 not) and the text.</summary>
internal sealed class Comment
{
    [LoadColumn(0)]
    public string Toxic { get; set; } = string.Empty;

    [LoadColumn(1)]
    public string Text { get; set; } = string.Empty;
}

/// <summary>Counts the sweep's progress reports (synchronous, unlike System.Progress, which posts to the thread pool).</summary>
internal sealed class CountingProgress : IProgress<LrFinderProgress>
{
    public int Reports { get; private set; }

    public void Report(LrFinderProgress value) => Reports++;
}
