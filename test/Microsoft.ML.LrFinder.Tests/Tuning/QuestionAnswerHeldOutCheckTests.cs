using Microsoft.ML.LrFinder.Tests.Fixtures;
using Microsoft.ML.TorchSharp;

namespace Microsoft.ML.LrFinder.Tests.Tuning;

/// <summary>
/// QuestionAnswer's held-out rows are checked with the trainer's own row preparation before anything trains (no weight file is
/// read): the trainer skips a row whose answer does not line up with its context's tokens, so held-out data made only of such
/// rows cannot score a probe.
/// </summary>
public class QuestionAnswerHeldOutCheckTests
{
    [Test]
    public void Held_out_rows_whose_answers_line_up_with_no_token_are_refused_before_anything_trains()
    {
        string emptyFolder = Path.Combine(TestRunFolder.Path, "qa-held-out-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(emptyFolder);
        var mlContext = new MLContext(seed: 1) { TempFilePath = emptyFolder };
        var train = TestData.QuestionAnswers(mlContext, 4);

        // Each answer said to start at the space before it: the trainer maps no token to a space, so it would skip every row.
        var misplaced = mlContext.Data.LoadFromEnumerable(
            new[] { ("Alice lives in Paris and works as a baker.", "Where does Alice live?", "Paris"), ("Bob lives in London and works as a pilot.", "What does Bob do?", "pilot") }
                .Select(r => new Row { Context = r.Item1, Question = r.Item2, TrainingAnswer = r.Item3, AnswerStart = r.Item1.IndexOf(r.Item3, StringComparison.Ordinal) - 1 })
                .ToList());
        var trainer = mlContext.MulticlassClassification.Trainers.QuestionAnswer(TestData.QuestionAnswerOptions());

        var error = Assert.Throws<ArgumentException>(() => mlContext.LrFinder().Tune(trainer, train, misplaced, new LrFinderTrainerOptions { Tune = new LrTuneOptions() }));
        Assert.Multiple(() =>
        {
            Assert.That(error!.ParamName, Is.EqualTo("validationData"));
            Assert.That(error.Message, Does.Contain("'TrainingAnswer'").And.Contain("'AnswerStart'").And.Contain("lines up"));
            Assert.That(Directory.EnumerateFileSystemEntries(emptyFolder), Is.Empty, "nothing was loaded or trained");
        });
    }

    private sealed class Row
    {
        public string Context { get; set; } = string.Empty;

        public string Question { get; set; } = string.Empty;

        public string TrainingAnswer { get; set; } = string.Empty;

        public int AnswerStart { get; set; }
    }
}
