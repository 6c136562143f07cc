using Microsoft.ML.TorchSharp.Roberta;

namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>Loaders for the files in TestData/ (see TestData/README.md for their source and licence).</summary>
internal static class TestData
{
    /// <summary>The TestData folder in the test output.</summary>
    public static string Folder => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData");

    /// <summary>
    /// The first <paramref name="rows"/> rows of the detox slice, alternating toxic and non-toxic, as columns <c>Label</c> (key, 2
    /// classes: "0", "1" in order of appearance) and <c>Sentence</c> (text).
    /// </summary>
    public static IDataView DetoxClassification(MLContext mlContext, int rows)
    {
        var comments = DetoxComments(rows);
        var data = mlContext.Data.LoadFromEnumerable(comments.Select(c => new LabelledSentence { Sentiment = c.Toxic ? "1" : "0", Sentence = c.Text }));
        return mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(LabelledSentence.Sentiment)).Fit(data).Transform(data);
    }

    /// <summary>
    /// The detox comments, alternating toxic and non-toxic so that every batch holds both classes.
    /// </summary>
    public static IReadOnlyList<(bool Toxic, string Text)> DetoxComments(int rows)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "wikipedia-detox-short-64.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Select(f => (Toxic: f[0] == "1", Text: f[1].Trim()))
            .ToList();
        var toxic = lines.Where(l => l.Toxic).ToList();
        var clean = lines.Where(l => !l.Toxic).ToList();
        if (rows > toxic.Count + clean.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "the detox slice has 64 rows.");
        }

        return Enumerable.Range(0, rows).Select(i => i % 2 == 0 ? toxic[i / 2] : clean[i / 2]).ToList();
    }

    /// <summary>
    /// Pairs of consecutive detox comments as <c>Sentence1</c>, <c>Sentence2</c> (text) and <c>Label</c> (float): the share of
    /// the two comments that are toxic (0, 0.5 or 1), a regression target the text determines.
    /// </summary>
    public static IDataView DetoxPairs(MLContext mlContext, int rows)
    {
        var comments = DetoxComments(Math.Min(rows + 1, 64));
        var pairs = Enumerable.Range(0, rows).Select(i =>
        {
            var first = comments[i % comments.Count];
            var second = comments[(i + 1) % comments.Count];
            return new SentencePair
            {
                Sentence1 = first.Text,
                Sentence2 = second.Text,
                Label = ((first.Toxic ? 1f : 0f) + (second.Toxic ? 1f : 0f)) / 2,
            };
        });
        return mlContext.Data.LoadFromEnumerable(pairs.ToList());
    }

    /// <summary>
    /// Synthetic named-entity sentences: <c>Sentence</c> (text) and <c>Label</c> (a key vector, one tag per space-separated word:
    /// PER for a first name, LOC for a city, O otherwise), from a few templates filled with a seeded generator.
    /// </summary>
    public static IDataView EntitySentences(MLContext mlContext, int rows, int seed)
    {
        string[] names = ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi"];
        string[] cities = ["Paris", "London", "Berlin", "Tokyo", "Madrid", "Oslo", "Lima", "Cairo"];
        string[][] templates =
        [
            ["{P}", "met", "{P}", "in", "{L}"],
            ["{P}", "lives", "in", "{L}"],
            ["yesterday", "{P}", "flew", "to", "{L}"],
            ["the", "train", "from", "{L}", "to", "{L}", "was", "late"],
        ];
        var generator = new Random(seed);
        var sentences = Enumerable.Range(0, rows).Select(_ =>
        {
            var words = templates[generator.Next(templates.Length)]
                .Select(w => w switch
                {
                    "{P}" => (Word: names[generator.Next(names.Length)], Tag: "PER"),
                    "{L}" => (Word: cities[generator.Next(cities.Length)], Tag: "LOC"),
                    _ => (Word: w, Tag: "O"),
                })
                .ToArray();
            return new TaggedSentence { Sentence = string.Join(' ', words.Select(w => w.Word)), Tags = words.Select(w => w.Tag).ToArray() };
        }).ToList();
        var data = mlContext.Data.LoadFromEnumerable(sentences);
        return mlContext.Transforms.Conversion.MapValueToKey("Label", nameof(TaggedSentence.Tags)).Fit(data).Transform(data);
    }

    /// <summary>
    /// The four fruit images: <c>Image</c> (MLImage), <c>Labels</c> (key vector), <c>Box</c> (float vector, 4 per label, in
    /// 100×75 pixel coordinates).
    /// </summary>
    public static IDataView FruitDetection(MLContext mlContext) => FruitDetection(mlContext, copiesOfFirstImage: null);

    /// <summary>
    /// The first fruit image, <paramref name="copies"/> times: each step of a batch-1 detector then trains on the same image, so
    /// its loss falls steadily at rates that train, where the four different images make it jump from step to step.
    /// </summary>
    public static IDataView FruitDetectionOfOneImage(MLContext mlContext, int copies) => FruitDetection(mlContext, copies);

    /// <summary>
    /// The first fruit image <paramref name="copies"/> times to train on, and held out the second and the first: the two images
    /// with the same three fruits, mapped to keys together, so that the held-out labels are classes the detector was built for.
    /// </summary>
    public static (IDataView Train, IDataView HeldOut) FruitDetectionOfOneImageAndHeldOut(MLContext mlContext, int copies)
    {
        var rows = FruitDetectionRows();
        var all = FruitDetection(mlContext, [.. Enumerable.Repeat(rows[0], copies), rows[1], rows[0]]);
        return (mlContext.Data.TakeRows(all, copies), mlContext.Data.SkipRows(all, copies));
    }

    private static IDataView FruitDetection(MLContext mlContext, int? copiesOfFirstImage)
    {
        var rows = FruitDetectionRows();
        if (copiesOfFirstImage is { } copies)
        {
            rows = Enumerable.Repeat(rows[0], copies).ToList();
        }

        return FruitDetection(mlContext, rows);
    }

    private static List<DetectionRow> FruitDetectionRows() =>
        File.ReadAllLines(Path.Combine(Folder, "object-detection", "fruit-detection-four.tsv"))
            .Select(l => l.Split('\t'))
            .Select(f => new DetectionRow { ImagePath = f[0], Labels = f[1].Split(','), Box = f[2].Split(',').Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray() })
            .ToList();

    private static IDataView FruitDetection(MLContext mlContext, List<DetectionRow> rows)
    {
        string folder = Path.Combine(Folder, "object-detection");
        var data = mlContext.Data.LoadFromEnumerable(rows);
        return mlContext.Transforms.Conversion.MapValueToKey(nameof(DetectionRow.Labels))
            .Append(mlContext.Transforms.LoadImages("Image", folder, nameof(DetectionRow.ImagePath)))
            .Fit(data)
            .Transform(data);
    }

    /// <summary>
    /// Synthetic reading-comprehension rows: <c>Context</c>, <c>Question</c>, <c>TrainingAnswer</c> (text) and
    /// <c>AnswerStart</c> (int, the answer's character offset in the context).
    /// </summary>
    public static IDataView QuestionAnswers(MLContext mlContext, int rows)
    {
        (string Name, string City, string Job)[] people =
        [
            ("Alice", "Paris", "baker"), ("Bob", "London", "pilot"), ("Carol", "Berlin", "nurse"), ("Dave", "Tokyo", "farmer"),
            ("Erin", "Madrid", "teacher"), ("Frank", "Oslo", "plumber"), ("Grace", "Lima", "doctor"), ("Heidi", "Cairo", "painter"),
        ];
        var items = Enumerable.Range(0, rows).Select(i =>
        {
            var (name, city, job) = people[i % people.Length];
            string context = $"{name} lives in {city} and works as a {job}.";
            bool askCity = i / people.Length % 2 == 0;
            string answer = askCity ? city : job;
            return new QuestionAnswer
            {
                Context = context,
                Question = askCity ? $"Where does {name} live?" : $"What does {name} do?",
                TrainingAnswer = answer,
                AnswerStart = context.IndexOf(answer, StringComparison.Ordinal),
            };
        });
        return mlContext.Data.LoadFromEnumerable(items.ToList());
    }

    /// <summary>
    /// QuestionAnswer's options for <see cref="QuestionAnswers"/>' columns: batches of 2 (the rows are few and RoBERTa-base is
    /// heavy), one epoch; <paramref name="learningRate"/> as <c>LearningRate = [lr]</c> when given.
    /// </summary>
    public static QATrainer.Options QuestionAnswerOptions(double? learningRate = null)
    {
        var options = new QATrainer.Options
        {
            ContextColumnName = nameof(QuestionAnswer.Context),
            QuestionColumnName = nameof(QuestionAnswer.Question),
            TrainingAnswerColumnName = nameof(QuestionAnswer.TrainingAnswer),
            AnswerIndexStartColumnName = nameof(QuestionAnswer.AnswerStart),
            BatchSize = 2,
            MaxEpoch = 1,
        };
        if (learningRate is { } lr)
        {
            options.LearningRate = [lr];
        }

        return options;
    }

    private sealed class QuestionAnswer
    {
        public string Context { get; set; } = string.Empty;

        public string Question { get; set; } = string.Empty;

        public string TrainingAnswer { get; set; } = string.Empty;

        public int AnswerStart { get; set; }
    }

    private sealed class SentencePair
    {
        public string Sentence1 { get; set; } = string.Empty;

        public string Sentence2 { get; set; } = string.Empty;

        public float Label { get; set; }
    }

    private sealed class TaggedSentence
    {
        public string Sentence { get; set; } = string.Empty;

        public string[] Tags { get; set; } = [];
    }

    private sealed class DetectionRow
    {
        public string ImagePath { get; set; } = string.Empty;

        public string[] Labels { get; set; } = [];

        public float[] Box { get; set; } = [];
    }

    private sealed class LabelledSentence
    {
        public string Sentiment { get; set; } = string.Empty;

        public string Sentence { get; set; } = string.Empty;
    }
}
