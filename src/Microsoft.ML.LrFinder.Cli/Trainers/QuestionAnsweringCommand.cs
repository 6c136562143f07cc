using System.CommandLine;
using Microsoft.ML.Data;
using Microsoft.ML.LrFinder.Cli.Input;
using Microsoft.ML.TorchSharp;
using Microsoft.ML.TorchSharp.Roberta;

namespace Microsoft.ML.LrFinder.Cli.Trainers;

/// <summary>
/// <c>lrfind question-answering</c>: ML.NET's QuestionAnswer trainer (RoBERTa). Each row holds a context, a question, the
/// answer text and the answer's character offset in the context. It has no label column.
/// </summary>
internal sealed class QuestionAnsweringCommand : TrainerCommand
{
    private const string ContextRole = "--context-col";
    private const string QuestionRole = "--question-col";
    private const string AnswerRole = "--answer-col";
    private const string AnswerIndexRole = "--answer-index-col";
    private const string AnswerIndex = "__lrfind_answer_start";

    public QuestionAnsweringCommand()
        : base("question-answering", "Sweep ML.NET's QuestionAnswer trainer (RoBERTa) on your data.", TorchSharpTrainerKind.QuestionAnswer, defaultBatchSize: 4)
    {
    }

    protected override string? LabelDescription => null;

    protected override IReadOnlyDictionary<string, Option<string>> AddColumnOptions(System.CommandLine.Command command)
    {
        var columns = new Dictionary<string, Option<string>>
        {
            [ContextRole] = Column(ContextRole, "The context (passage) column.", "Context"),
            [QuestionRole] = Column(QuestionRole, "The question column.", "Question"),
            [AnswerRole] = Column(AnswerRole, "The answer text column.", "TrainingAnswer"),
            [AnswerIndexRole] = Column(AnswerIndexRole, "The column with the answer's 0-based character offset in the context.", "AnswerStart"),
        };
        foreach (var option in columns.Values)
        {
            command.Options.Add(option);
        }

        return columns;
    }

    protected override PreparedData Prepare(MLContext mlContext, TrainerRun run, TabularDataset train, TabularDataset? validation)
    {
        string context = train.Column(run.Columns[ContextRole], ContextRole);
        string question = train.Column(run.Columns[QuestionRole], QuestionRole);
        string answer = train.Column(run.Columns[AnswerRole], AnswerRole);
        string answerIndex = train.Column(run.Columns[AnswerIndexRole], AnswerIndexRole);
        return Fit(
            mlContext.Transforms.Conversion.ConvertType(AnswerIndex, answerIndex, DataKind.Int32),
            train,
            validation,
            ("context", context),
            ("question", question),
            ("answer", answer),
            ("answer index", answerIndex));
    }

    protected override IEstimator<ITransformer> CreateTrainer(MLContext mlContext, TrainerRun run, PreparedData data, double? learningRate) =>
        mlContext.MulticlassClassification.Trainers.QuestionAnswer(Options(run, data, learningRate));

    private static Option<string> Column(string name, string description, string defaultColumn) => new(name)
    {
        Description = description + " Name or 0-based index.",
        HelpName = "column",
        DefaultValueFactory = _ => defaultColumn,
    };

    private static QATrainer.Options Options(TrainerRun run, PreparedData data, double? learningRate)
    {
        string Column(string role) => data.Columns.Single(c => c.Role == role).Column;
        var options = new QATrainer.Options
        {
            ContextColumnName = Column("context"),
            QuestionColumnName = Column("question"),
            TrainingAnswerColumnName = Column("answer"),
            AnswerIndexStartColumnName = AnswerIndex,
            BatchSize = run.BatchSize ?? 4,
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
