using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Tests.Cli;
using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.NasBert;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Reliability.BadInputs;

/// <summary>The rows of docs/errors.md, each with the code that feeds its input to the product.</summary>
internal static class BadInputTable
{
    private const string Aoor = nameof(ArgumentOutOfRangeException);
    private const string Arg = nameof(ArgumentException);
    private const string ArgNull = nameof(ArgumentNullException);
    private const string Format = nameof(FormatException);
    private const string Exit2 = "exit 2";
    private const string NoError = "no error";
    private const string Find = "TorchSharpLrFinder.Find";
    private const string Tune = "TorchSharpLrFinder.Tune";
    private const string CatalogFind = "mlContext.LrFinder().Find";

    public static IEnumerable<BadInputRow> Rows()
    {
        // Sweep options, through the generic finder (each is validated before anything is touched).
        yield return Options("E01", "StartLearningRate = 0", o => o.StartLearningRate = 0, Aoor, "StartLearningRate", "must be finite and greater than 0.");
        yield return Options("E02", "StartLearningRate = NaN", o => o.StartLearningRate = double.NaN, Aoor, "StartLearningRate", "must be finite and greater than 0.");
        yield return Options("E03", "EndLearningRate = StartLearningRate", o => o.EndLearningRate = o.StartLearningRate, Aoor, "EndLearningRate", "must be finite and greater than StartLearningRate.");
        yield return Options("E04", "EndLearningRate = +∞", o => o.EndLearningRate = double.PositiveInfinity, Aoor, "EndLearningRate", "must be finite and greater than StartLearningRate.");
        yield return Options("E05", "NumberOfIterations = 1", o => o.NumberOfIterations = 1, Aoor, "NumberOfIterations", "must be at least 2.");
        yield return Options("E06", "Schedule = (LrSchedule)7", o => o.Schedule = (LrSchedule)7, Aoor, "Schedule", "must be Exponential or Linear.");
        yield return Options("E07", "SmoothingBeta = 1", o => o.SmoothingBeta = 1, Aoor, "SmoothingBeta", "must be in [0, 1).");
        yield return Options("E08", "SmoothingBeta = −0.1", o => o.SmoothingBeta = -0.1, Aoor, "SmoothingBeta", "must be in [0, 1).");
        yield return Options("E09", "DivergenceThreshold = 1", o => o.DivergenceThreshold = 1, Aoor, "DivergenceThreshold", "must be finite and greater than 1.");
        yield return Options("E10", "SuggestionMethods empty", o => o.SuggestionMethods = [], Arg, "SuggestionMethods", "must not be empty or contain null.");
        yield return Options("E11", "SuggestionMethods holds null", o => o.SuggestionMethods = [LrSuggestionMethods.Valley, null!], Arg, "SuggestionMethods", "must not be empty or contain null.");
        yield return Generic("E12", "GradientAccumulationSteps = 0", o => o.GradientAccumulationSteps = 0, Aoor, "GradientAccumulationSteps", "must be at least 1.");
        yield return Generic("E13", "ValidationBatches empty", o => o.ValidationBatches = [], Arg, "ValidationBatches", "must not be empty.");
        yield return Generic("E14", "MaxGradientNorm = 0", o => o.MaxGradientNorm = 0, Aoor, "MaxGradientNorm", "must be finite and greater than 0.");
        yield return Generic("E15", "Tune.CandidateCount = 0", o => o.Tune = new LrTuneOptions { CandidateCount = 0 }, Aoor, "CandidateCount", "must be between 1 and 9.");
        yield return Trainer("E16", "LrFinderTrainerOptions.MaximumRows = 0", (ml, data) => Catalog(ml, data, new LrFinderTrainerOptions { MaximumRows = 0 }), Aoor, "MaximumRows", "must be at least 1.");
        yield return Trainer("E17", "LrFinderTrainerOptions.WhenNoSuggestion = 9", (ml, data) => Catalog(ml, data, new LrFinderTrainerOptions { WhenNoSuggestion = (LrFinderNoSuggestionAction)9 }), Aoor, "WhenNoSuggestion", "must be KeepTrainerLearningRate or Throw.");

        // Null arguments.
        yield return WithModel("E18", Find, "model = null", m => TorchSharpLrFinder.Find(null!, m.Optimizer, m.LossModule.call, m.Batches), ArgNull, "model");
        yield return WithModel("E19", Find, "optimizer = null", m => TorchSharpLrFinder.Find(m.Model, null!, m.LossModule.call, m.Batches), ArgNull, "optimizer");
        yield return WithModel("E20", Find, "lossFunction = null", m => TorchSharpLrFinder.Find(m.Model, m.Optimizer, (Func<Tensor, Tensor, Tensor>)null!, m.Batches), ArgNull, "lossFunction");
        yield return WithModel("E21", Find, "batches = null", m => TorchSharpLrFinder.Find(m.Model, m.Optimizer, m.LossModule.call, (IEnumerable<(Tensor, Tensor)>)null!), ArgNull, "batches");
        yield return Api("E22", "LrSweepRunner.Run", "target = null", () => LrSweepRunner.Run(null!), ArgNull, "target");
        yield return Trainer("E23", "trainer = null", (ml, data) => ml.LrFinder().Find((TextClassificationTrainer)null!, data), ArgNull, "trainer");
        yield return Trainer("E24", "trainData = null", (ml, _) => ml.LrFinder().Find(ml.MulticlassClassification.Trainers.TextClassification(TextOptions()), null!), ArgNull, "trainData");
        yield return Api("E25", "TextClassificationTrainer.WithLrFinder", "trainer = null", () => ((TextClassificationTrainer)null!).WithLrFinder(), ArgNull, "trainer");
        yield return Api("E26", "LrCurveAnalysis.Analyze", "curve = null", () => LrCurveAnalysis.Analyze((LrCurve)null!), ArgNull, "curve");

        // Data the generic finder cannot train on.
        yield return WithModel("E27", Find, "no batch (empty source)", m => TorchSharpLrFinder.Find(m.Model, m.Optimizer, m.LossModule.call, []), Arg, "must yield at least one batch.", "batches");
        yield return Api("E28", Find, "a model without parameters", () =>
        {
            using var model = nn.Sequential(("relu", nn.ReLU()));
            using var other = nn.Linear(2, 2);
            using var optimizer = optim.SGD(other.parameters(), 0.1);
            TorchSharpLrFinder.Find(model, optimizer, (p, t) => p.sum(), [(zeros(1, 2), zeros(1))]);
        }, Arg, "must have at least one parameter.", "model");
        yield return WithModel("E29", Find, "a loss function that returns a vector", m => TorchSharpLrFinder.Find(m.Model, m.Optimizer, (p, t) => p.sum(dim: 1), m.Batches), nameof(InvalidOperationException), "must return a single value", "[16]");

        // Data an ML.NET trainer cannot train on (TextClassification, BatchSize 4): refused before any model is built.
        yield return Trainer("E30", "empty data", (ml, data) => Catalog(ml, ml.Data.FilterByCustomPredicate<KeyRow>(data, _ => true)), Arg, "The data has no rows");
        yield return Trainer("E31", "one row", (ml, data) => Catalog(ml, ml.Data.TakeRows(data, 1)), Arg, "The data has 1 rows, fewer than one batch (BatchSize = 4)");
        yield return Trainer("E32", "fewer rows (3) than one batch (4)", (ml, data) => Catalog(ml, ml.Data.TakeRows(data, 3)), Arg, "The data has 3 rows, fewer than one batch (BatchSize = 4)");
        yield return Trainer("E33", "the sentence column is missing", (ml, data) => Catalog(ml, ml.Transforms.DropColumns("Sentence").Fit(data).Transform(data)), Arg, "The data has no column 'Sentence'", "Sentence1ColumnName");
        yield return Trainer("E34", "the sentence column is a number", (ml, _) => Catalog(ml, ml.Data.LoadFromEnumerable(NumericSentences())), Arg, "Column 'Sentence' (Sentence1ColumnName) must be Text");
        yield return Trainer("E35", "the label is not a key", (ml, data) => Catalog(ml, ml.Transforms.Conversion.MapKeyToValue("Label").Fit(data).Transform(data)), Arg, "Column 'Label' (LabelColumnName) must be a key");
        yield return Trainer("E36", "a single-class label", (ml, data) => Catalog(ml, ml.Data.FilterByCustomPredicate<KeyRow>(data, row => row.Label != 1)), Arg, "holds 1 class; a classifier needs at least 2", "'Label'");
        yield return Trainer("E37", "MaximumRows (3) leaves less than a batch (4)", (ml, data) => Catalog(ml, data, new LrFinderTrainerOptions { MaximumRows = 3 }), Aoor, "MaximumRows", "leaves 3 rows, fewer than one batch of TextClassification (4)");

        // Curve files read by the library.
        yield return CurveFile("E38", "an empty file", [], Format, "line 1: the file is empty");
        yield return CurveFile("E39", "text in a number", [LrFinderReport.CsvHeader, "0,0.001,2.3,2.3", "1,0.01,abc,2.2"], Format, "line 3, column 3 (loss): 'abc' is not a number.");
        yield return CurveFile("E40", "a blank line in the middle", [LrFinderReport.CsvHeader, "0,0.001,2.3,2.3", string.Empty, "1,0.01,2.2,2.2"], Format, "line 3: blank line");
        yield return CurveFile("E41", "a missing column", ["iteration,lr,loss", "0,0.001,2.3"], Format, "column 'smoothed_loss' is missing");
        yield return CurveFile("E42", "a row with too few values", [LrFinderReport.CsvHeader, "0,0.001,2.3"], Format, "line 2: 3 values; expected 4");
        yield return Api("E43", "LrFinderReport.LoadCsv", "a file that does not exist", () => LrFinderReport.LoadCsv(Path.Combine(Path.GetTempPath(), "no-such-curve.csv")), nameof(FileNotFoundException), "no-such-curve.csv");

        // Files written by the library.
        yield return Output("E44", "LrFinderReport.SaveCsv", "a folder nobody can write to", (result, folder) => result.SaveCsv(Path.Combine(UnwritableFolder.Find(folder), "lr-find.csv")), nameof(UnauthorizedAccessException), "Cannot write", "lr-find.csv", "access to the folder", "is denied");
        yield return Output("E45", "LrFinderReport.SaveJson", "a folder that does not exist", (result, folder) => result.SaveJson(Path.Combine(folder, "missing", "lr-find.json")), nameof(DirectoryNotFoundException), "Cannot write", "lr-find.json", "missing", "does not exist");
        yield return Output("E46", "LrFinderPlot.SavePlot", "a .pdf file name", (result, folder) => result.SavePlot(Path.Combine(folder, "lr-find.pdf")), Arg, ".pdf", "path");
        yield return Output("E47", "LrFinderPlot.SavePlot", "a folder nobody can write to", (result, folder) => result.SavePlot(Path.Combine(UnwritableFolder.Find(folder), "lr-find.png")), nameof(UnauthorizedAccessException), "Cannot write", "lr-find.png", "access to the folder", "is denied");

        // The tuning step: refused before the sweep and before any probe.
        yield return WithModel("E48", Tune, "budgetSteps = 0", m => TorchSharpLrFinder.Tune(m.Model, m.Optimizer, m.LossModule.call, m.Batches, m.Batches, 0), Aoor, "must be at least 1", "budgetSteps");
        yield return WithModel("E49", Tune, "LrTuneOptions.CandidateCount = 0", m => TorchSharpLrFinder.Tune(m.Model, m.Optimizer, m.LossModule.call, m.Batches, m.Batches, 10, new TorchSharpLrFinderOptions { Tune = new LrTuneOptions { CandidateCount = 0 } }), Aoor, "CandidateCount", "must be between 1 and 9");
        yield return WithModel("E50", Tune, "LrTuneOptions.ProbeFraction = 0", m => TorchSharpLrFinder.Tune(m.Model, m.Optimizer, m.LossModule.call, m.Batches, m.Batches, 10, new TorchSharpLrFinderOptions { Tune = new LrTuneOptions { ProbeFraction = 0 } }), Aoor, "ProbeFraction", "must be greater than 0 and at most 1");
        yield return WithModel("E52", Tune, "LrTuneOptions.Budget = 0", m => TorchSharpLrFinder.Tune(m.Model, m.Optimizer, m.LossModule.call, m.Batches, m.Batches, 10, new TorchSharpLrFinderOptions { Tune = new LrTuneOptions { Budget = 0 } }), Aoor, "Budget", "must be greater than 0 and at most 10");
        yield return WithModel("E51", Tune, "validationBatches empty", m => TorchSharpLrFinder.Tune(m.Model, m.Optimizer, m.LossModule.call, m.Batches, [], 10), Arg, "validationBatches");

        // The command line: exit code 2, one line on standard error naming the problem, nothing written.
        yield return Suggest("C01", "a curve file with text", ["lr,loss", "0.001,2.3", "0.01,abc", "0.1,2.0"], "line 3, column 2 (loss): 'abc' is not a number");
        yield return Suggest("C02", "a blank line in the middle", ["lr,loss", "0.001,2.3", string.Empty, "0.01,2.2", "0.1,2.1"], "line 3: blank line between rows");
        yield return Suggest("C03", "a curve with one row", ["lr,loss", "0.001,2.3"], "1 data row(s); a curve needs at least 2");
        yield return Suggest("C04", "learning rates not strictly increasing", ["lr,loss", "0.001,2.3", "0.01,2.2", "0.01,2.1"], "line 4", "strictly increasing");
        yield return Suggest("C05", "a learning rate of 0", ["lr,loss", "0,2.3", "0.01,2.2"], "line 2, column 1 (lr): '0' must be finite and greater than 0");
        yield return Suggest("C06", "no loss column", ["lr,los", "0.001,2.3", "0.01,2.2"], "has no column 'loss'");
        yield return Suggest("C07", "an empty file", [], "is empty");
        yield return Cli("C08", "lrfind suggest", "an input file that does not exist", folder => ["suggest", "--input", Path.Combine(folder, "nope.csv")], "does not exist", "nope.csv");
        yield return Cli("C09", "lrfind suggest", "an unknown suggestion method", folder => ["suggest", "--input", Curve(folder), "--suggest", "valley,bogus"], "unknown method 'bogus'");
        yield return Cli("C10", "lrfind suggest", "a plot file that is not .png or .svg", folder => ["suggest", "--input", Curve(folder), "--plot", Path.Combine(folder, "plot.pdf")], "must end in .png or .svg");
        yield return Cli("C11", "lrfind demo", "--num-iterations 1", folder => ["demo", "-o", Path.Combine(folder, "out"), "--num-iterations", "1"], "--num-iterations must be at least 2");
        yield return Cli("C12", "lrfind demo", "--start-lr not below --end-lr", folder => ["demo", "-o", Path.Combine(folder, "out"), "--start-lr", "1", "--end-lr", "0.1"], "--start-lr (1) must be less than --end-lr (0.1)");
        yield return Cli("C13", "lrfind demo", "--start-lr −1", folder => ["demo", "-o", Path.Combine(folder, "out"), "--start-lr", "-1"], "--start-lr", "must be finite and greater than 0");
        yield return Cli("C14", "lrfind demo", "--end-lr that is not a number", folder => ["demo", "-o", Path.Combine(folder, "out"), "--end-lr", "ten"], "--end-lr", "'ten' is not a number");
        yield return Cli("C15", "lrfind demo", "an output folder nobody can write to", folder => ["demo", "-o", Path.Combine(UnwritableFolder.Find(folder), "out"), "--num-iterations", "10", "--epochs", "1"], "cannot create the output folder", "out");
        yield return Cli("C16", "lrfind demo", "an output path that is a file", folder => ["demo", "-o", Curve(folder), "--num-iterations", "10", "--epochs", "1"], "is a file");
        yield return Cli("C17", "lrfind", "an unknown option", folder => ["suggest", "--input", Curve(folder), "--smooth"], "'--smooth'");

        // The command line's ML.NET trainers (the weight file given with --weights, so nothing is downloaded).
        yield return Dataset("C18", "text-classification", "a dataset with a header and no rows", ["Label\tText"], ["--text-col", "Text"], "The data has no rows");
        yield return Dataset("C19", "text-classification", "one row", Detox(1), ["--text-col", "Text"], "The data has 1 rows, fewer than one batch (BatchSize = 4)");
        yield return Dataset("C20", "text-classification", "fewer rows (3) than one batch (4)", Detox(3), ["--text-col", "Text"], "The data has 3 rows, fewer than one batch (BatchSize = 4)");
        yield return Dataset("C21", "text-classification", "--text-col names no column", Detox(8), ["--text-col", "Words"], "--text-col 'Words'", "has no such column", "'Label', 'Text'");
        yield return Dataset("C22", "text-classification", "--label-col names no column", Detox(8), ["--text-col", "Text", "--label-col", "Toxic"], "--label-col 'Toxic'", "has no such column");
        yield return Dataset("C23", "text-classification", "a single-class label", ["Label\tText", .. Detox(8).Skip(1).Select(l => "1" + l[1..])], ["--text-col", "Text"], "The label column 'Label' (--label-col) holds 1 class; a classifier needs at least 2");
        yield return Dataset("C24", "text-classification", "an empty dataset file", [], ["--text-col", "Text"], "is empty");
        yield return Dataset("C25", "sentence-similarity", "a score that is not a number", ["Score\tA\tB", "high\tgood one\tnice", "0.5\tbad\tok", "1\tfine\tgood", "0\tawful\tgreat"], ["--label-col", "Score", "--sentence1-col", "A", "--sentence2-col", "B"], "--label-col 'Score'", "data row 1: 'high' is not a number");

        // Not errors: a sweep records NaN and infinite losses and cuts its suggestion window there; so do curves read back.
        yield return new BadInputRow("N01", "LrCurveAnalysis.Analyze", "NaN and ±∞ losses", NoError, ["suggestions from the points before the first NaN"], () =>
        {
            var result = LrCurveAnalysis.Analyze(Enumerable.Range(0, 40).Select(i => (1e-4 * Math.Pow(1.2, i), i < 30 ? 3.0 - (0.05 * i) : i % 2 == 0 ? double.NaN : double.PositiveInfinity)), 40);
            return new BadInputOutcome(null, LeftBehind: result.Curve.WindowEnd <= 30 && result.SelectedLearningRate is not null ? null : "the window was not cut at the first NaN, or nothing was selected");
        });
        yield return new BadInputRow("N02", "lrfind suggest", "NaN and ±∞ losses", NoError, ["exit 0"], () =>
        {
            using var folder = new TempFolder();
            var run = CliRun.InProcess("suggest", "--input", folder.Write("curve.csv", "lr,loss", "1e-4,2.3", "1e-3,2.2", "1e-2,2.0", "1e-1,NaN", "1,inf", "10,-Infinity"));
            return new BadInputOutcome(null, run.ExitCode, run.Error, run.ExitCode == 0 && run.Error.Length == 0 ? null : run.ToString());
        });
        yield return new BadInputRow("N03", "LrFinderReport.LoadCsv + LrCurveAnalysis.Analyze", "a curve with one row", NoError, ["every method says why it has no suggestion"], () =>
        {
            using var folder = new TempFolder();
            var points = LrFinderReport.LoadCsv(folder.Write("one.csv", LrFinderReport.CsvHeader, "0,0.001,2.3,2.3"));
            var result = LrCurveAnalysis.Analyze(new LrCurve(points, points.Count));
            return new BadInputOutcome(null, LeftBehind: result.Suggestions.All(s => !s.HasValue && s.Explanation.Length > 0) ? null : "a method suggested something on one point");
        });
    }

    private static BadInputRow Api(string id, string surface, string input, Action action, string result, params string[] names) =>
        new(id, surface, input, result, names, () => BadInputOutcome.Of(action));

    private static BadInputRow WithModel(string id, string surface, string input, Action<SmallClassifier> action, string result, params string[] names) =>
        new(id, surface, input, result, names, () =>
        {
            using var model = new SmallClassifier(seed: 1, dropout: false);
            var before = model.Fingerprint();
            return BadInputOutcome.Of(() => action(model), () => model.Fingerprint().Zip(before).All(p => p.First.SequenceEqual(p.Second)) ? null : "the model changed");
        });

    private static BadInputRow Options(string id, string input, Action<LrFinderOptions> spoil, string result, params string[] names) =>
        WithModel(id, Find, "LrFinderOptions." + input, m =>
        {
            var options = new TorchSharpLrFinderOptions();
            spoil(options);
            TorchSharpLrFinder.Find(m.Model, m.Optimizer, m.LossModule.call, m.Batches, options);
        }, result, names);

    private static BadInputRow Generic(string id, string input, Action<TorchSharpLrFinderOptions> spoil, string result, params string[] names) =>
        WithModel(id, Find, "TorchSharpLrFinderOptions." + input, m =>
        {
            var options = new TorchSharpLrFinderOptions();
            spoil(options);
            TorchSharpLrFinder.Find(m.Model, m.Optimizer, m.LossModule.call, m.Batches, options);
        }, result, names);

    private static BadInputRow Trainer(string id, string input, Action<MLContext, IDataView> action, string result, params string[] names) =>
        new(id, CatalogFind + " (TextClassification)", input, result, names, () =>
        {
            // No weight files: a check that let the input through would try to download them and fail differently.
            string empty = Path.Combine(TestRunFolder.Path, "bad-input-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(empty);
            var mlContext = new MLContext(seed: 1) { TempFilePath = empty };
            var data = TestData.DetoxClassification(mlContext, 16);
            var outcome = BadInputOutcome.Of(() => action(mlContext, data), () => Directory.EnumerateFileSystemEntries(empty).Any() ? "files in MLContext.TempFilePath" : null);
            Directory.Delete(empty, recursive: true);
            return outcome;
        });

    private static BadInputRow CurveFile(string id, string input, string[] lines, string result, params string[] names) =>
        new(id, "LrFinderReport.LoadCsv", input, result, names, () =>
        {
            using var folder = new TempFolder();
            string path = folder.File("curve.csv");
            File.WriteAllText(path, lines.Length == 0 ? string.Empty : string.Join("\n", lines) + "\n");
            return BadInputOutcome.Of(() => LrFinderReport.LoadCsv(path));
        });

    private static BadInputRow Output(string id, string surface, string input, Action<LrFinderResult, string> write, string result, params string[] names) =>
        new(id, surface, input, result, names, () =>
        {
            using var folder = new TempFolder();
            var curve = LrCurveAnalysis.Analyze(Enumerable.Range(0, 30).Select(i => (1e-4 * Math.Pow(1.3, i), 3.0 - (0.05 * i))), 30);
            return BadInputOutcome.Of(() => write(curve, folder.Path), () => folder.Entries().Where(e => e != "read-only").ToArray() is { Length: > 0 } left ? "left: " + string.Join(", ", left) : null);
        });

    private static BadInputRow Suggest(string id, string input, string[] lines, params string[] names) =>
        Cli(id, "lrfind suggest", input, folder =>
        {
            string path = Path.Combine(folder, "curve.csv");
            File.WriteAllText(path, lines.Length == 0 ? string.Empty : string.Join("\n", lines) + "\n");
            return ["suggest", "--input", path, "--plot", Path.Combine(folder, "plot.png")];
        }, names);

    private static BadInputRow Cli(string id, string surface, string input, Func<string, string[]> arguments, params string[] names) =>
        new(id, surface, input, Exit2, names, () =>
        {
            using var folder = new TempFolder();
            var args = arguments(folder.Path);
            var before = folder.Entries();
            CliRun run;
            IReadOnlyList<string> leftBehind;
            using (var watch = SideEffects.Watch())
            {
                run = CliRun.InProcess(args);
                leftBehind = watch.LeftBehind();
            }

            var added = folder.Entries().Except(before).ToArray();
            var problems = leftBehind.Concat(added.Length > 0 ? ["written: " + string.Join(", ", added)] : []).ToArray();
            return new BadInputOutcome(null, run.ExitCode, run.Error, problems.Length > 0 ? string.Join("; ", problems) : null);
        });

    private static BadInputRow Dataset(string id, string command, string input, string[] lines, string[] columns, params string[] names) =>
        Cli(id, "lrfind " + command, input, folder =>
        {
            string path = Path.Combine(folder, "data.tsv");
            File.WriteAllText(path, lines.Length == 0 ? string.Empty : string.Join("\n", lines) + "\n");
            string weights = PretrainedWeights.Ensure(PretrainedModel.NasBert).FilePath;
            return [command, "-d", path, "--has-header", "--batch-size", "4", "--num-iterations", "4", "--weights", weights, "-o", Path.Combine(folder, "out"), .. columns];
        }, names);

    // Detox comments as "label<TAB>text" lines under a header, both classes.
    private static string[] Detox(int rows) =>
        ["Label\tText", .. TestData.DetoxComments(rows).Select(c => (c.Toxic ? "1" : "0") + "\t" + c.Text)];

    private static string Curve(string folder)
    {
        string path = Path.Combine(folder, "curve.csv");
        File.WriteAllText(path, "lr,loss\n0.001,2.3\n0.01,2.2\n");
        return path;
    }

    private static LrFinderResult Catalog(MLContext mlContext, IDataView data, LrFinderTrainerOptions? options = null)
    {
        options ??= new LrFinderTrainerOptions();
        options.NumberOfIterations = 4;
        return mlContext.LrFinder().Find(mlContext.MulticlassClassification.Trainers.TextClassification(TextOptions()), data, options);
    }

    private static TextClassificationTrainer.TextClassificationOptions TextOptions() => new()
    {
        LabelColumnName = "Label",
        Sentence1ColumnName = "Sentence",
        BatchSize = 4,
        MaxEpoch = 1,
    };

    private static IEnumerable<NumericSentence> NumericSentences() =>
        Enumerable.Range(0, 8).Select(i => new NumericSentence { Sentence = i, Label = (uint)(i % 2) });

    private sealed class NumericSentence
    {
        public float Sentence { get; set; }

        [KeyType(2)]
        public uint Label { get; set; }
    }

    private sealed class KeyRow
    {
        public uint Label { get; set; }
    }
}
