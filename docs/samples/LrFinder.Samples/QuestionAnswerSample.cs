using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.Roberta;

namespace Microsoft.ML.LrFinder.Samples;

/// <summary>docs/trainers/question-answer.md: QuestionAnswer with the LR finder.</summary>
public static class QuestionAnswerSample
{
    /// <summary>Trains on a TSV with a header and columns Context, Question, TrainingAnswer, AnswerStart (int).</summary>
    public static void Run(string tsvPath, string outputFolder, bool randomInit = false)
    {
        var mlContext = SampleContext.Create(TorchSharpTrainerKind.QuestionAnswer, randomInit);
        var data = mlContext.Data.LoadFromTextFile<Example>(tsvPath, separatorChar: '\t', hasHeader: true, allowQuoting: true);

        var trainer = mlContext.MulticlassClassification.Trainers.QuestionAnswer(new QATrainer.Options
        {
            ContextColumnName = nameof(Example.Context),
            QuestionColumnName = nameof(Example.Question),
            TrainingAnswerColumnName = nameof(Example.TrainingAnswer),
            AnswerIndexStartColumnName = nameof(Example.AnswerStart),
            BatchSize = 4,
            MaxEpoch = 2,
        }).WithLrFinder(
            // RoBERTa-base steps are slow on a CPU: a shorter sweep over a fixed set of batches.
            new LrFinderTrainerOptions { NumberOfIterations = 60, EndLearningRate = 1e-2, MaximumRows = 4 * 60 });

        var model = trainer.Fit(data);
        Console.WriteLine($"Fitted with LearningRate = [{trainer.LastLearningRate:0.##e+0}]");
        trainer.LastResult!.SavePlot(Path.Combine(outputFolder, "question-answer.png"));
        mlContext.Model.Save(model, data.Schema, Path.Combine(outputFolder, "question-answer.zip"));
    }

    private sealed class Example
    {
        [Data.LoadColumn(0)]
        public string Context { get; set; } = string.Empty;

        [Data.LoadColumn(1)]
        public string Question { get; set; } = string.Empty;

        [Data.LoadColumn(2)]
        public string TrainingAnswer { get; set; } = string.Empty;

        [Data.LoadColumn(3)]
        public int AnswerStart { get; set; }
    }
}
