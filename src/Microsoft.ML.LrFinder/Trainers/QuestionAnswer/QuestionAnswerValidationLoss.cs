using Microsoft.ML.Tokenizers;
using Microsoft.ML.TorchSharp.Roberta;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Trainers.QuestionAnswer;

/// <summary>
/// QuestionAnswer's held-out loss for the tuning step: the loss the trainer trains on, (CE(start) + CE(end)) / 2 summed over a
/// batch, computed by the fitted model in evaluation mode without gradients on the held-out rows batched as the trainer batches
/// them, and divided by the rows scored.
/// </summary>
/// <remarks>
/// Each row is prepared by the trainer's own <c>PrepareData</c> (<see cref="QuestionAnswerInternals.RowPreparation"/>): the
/// tokens of the question and the context, and the answer's start and end token. Rows whose answer cannot be aligned with
/// the context's tokens are skipped, as the trainer skips them; a batch is the next <c>BatchSize</c> rows that can be scored,
/// padded on the right with the tokenizer's padding id, as the trainer collates it. The cross-entropy runs over every position
/// of the padded batch, as the trainer's does, so a row's share depends on the rows batched with it exactly as in training.
/// In evaluation mode dropout is off: the held-out loss is the trainer's loss without its training noise.
/// </remarks>
internal static class QuestionAnswerValidationLoss
{
    /// <summary>The trainer's loss per held-out row.</summary>
    /// <param name="model">The fitted transformer's model: token ids [B, T] to start and end logits [B, T, 2].</param>
    /// <param name="validation">The held-out rows: context, question, answer (text) and answer start (int) columns.</param>
    /// <param name="options">The trainer's options (column names, batch size).</param>
    /// <param name="tokenizer">The tokenizer the trainer and transformer share (a RoBERTa tokenizer: its padding id pads batches).</param>
    /// <param name="prepareRow">The trainer's own row preparation (<see cref="QuestionAnswerInternals.RowPreparation"/>).</param>
    /// <returns>The mean loss per scored row; positive infinity when a loss is not finite.</returns>
    /// <exception cref="InvalidOperationException">No held-out row's answer lines up with its context's tokens.</exception>
    public static double Compute(
        nn.Module<Tensor, Tensor, Tensor> model,
        IDataView validation,
        QATrainer.Options options,
        Tokenizer tokenizer,
        Func<ValueGetter<ReadOnlyMemory<char>>, ValueGetter<ReadOnlyMemory<char>>, ValueGetter<ReadOnlyMemory<char>>, ValueGetter<int>, (Tensor Tokens, Tensor Answer, bool Aligned)> prepareRow)
    {
        int padding = ((EnglishRobertaTokenizer)tokenizer).PadIndex;
        using var crossEntropy = nn.CrossEntropyLoss(reduction: nn.Reduction.Sum);
        double total = 0;
        long rows = 0;
        using (new EvaluationScope(model))
        {
            // Each row's tensors go to the scope that is current when the row is read: the scope of the batch it joins.
            using var aligned = AlignedRows(validation, options, prepareRow).GetEnumerator();
            bool more = true;
            while (more)
            {
                using var scope = NewDisposeScope();
                var tokens = new List<Tensor>(options.BatchSize);
                var answers = new List<Tensor>(options.BatchSize);
                while (tokens.Count < options.BatchSize && (more = aligned.MoveNext()))
                {
                    tokens.Add(aligned.Current.Tokens);
                    answers.Add(aligned.Current.Answer);
                }

                if (tokens.Count == 0)
                {
                    break;
                }

                var logits = model.forward(nn.utils.rnn.pad_sequence(tokens, batch_first: true, padding_value: padding), null!);
                var targets = stack(answers).@long();
                var startLoss = crossEntropy.call(logits[TensorIndex.Ellipsis, 0].contiguous(), targets[TensorIndex.Colon, 0].contiguous());
                var endLoss = crossEntropy.call(logits[TensorIndex.Ellipsis, 1].contiguous(), targets[TensorIndex.Colon, 1].contiguous());
                total += ((startLoss + endLoss) / 2).item<float>();
                rows += tokens.Count;
            }
        }

        if (rows == 0)
        {
            // CheckValidation refuses such data before anything trains; this guards a caller that skipped it.
            throw new InvalidOperationException("QuestionAnswer: no held-out row's answer lines up with its context's tokens, so none is left to score.");
        }

        return double.IsFinite(total) ? total / rows : double.PositiveInfinity;
    }

    /// <summary>How many held-out rows the trainer would score: those whose answer lines up with the context's tokens.</summary>
    /// <param name="validation">The held-out rows.</param>
    /// <param name="options">The trainer's options (column names).</param>
    /// <param name="prepareRow">The trainer's own row preparation, on any device (the tensors are discarded).</param>
    public static int CountAlignedRows(
        IDataView validation,
        QATrainer.Options options,
        Func<ValueGetter<ReadOnlyMemory<char>>, ValueGetter<ReadOnlyMemory<char>>, ValueGetter<ReadOnlyMemory<char>>, ValueGetter<int>, (Tensor Tokens, Tensor Answer, bool Aligned)> prepareRow)
    {
        using var scope = NewDisposeScope();
        return AlignedRows(validation, options, prepareRow).Count();
    }

    // The rows the trainer keeps, in cursor order, prepared by its own PrepareData; the rest are skipped as it skips them.
    private static IEnumerable<(Tensor Tokens, Tensor Answer)> AlignedRows(
        IDataView validation,
        QATrainer.Options options,
        Func<ValueGetter<ReadOnlyMemory<char>>, ValueGetter<ReadOnlyMemory<char>>, ValueGetter<ReadOnlyMemory<char>>, ValueGetter<int>, (Tensor Tokens, Tensor Answer, bool Aligned)> prepareRow)
    {
        var schema = validation.Schema;
        var contextColumn = schema[options.ContextColumnName];
        var questionColumn = schema[options.QuestionColumnName];
        var answerColumn = schema[options.TrainingAnswerColumnName];
        var startColumn = schema[options.AnswerIndexStartColumnName];
        using var cursor = validation.GetRowCursor([contextColumn, questionColumn, answerColumn, startColumn]);
        var context = cursor.GetGetter<ReadOnlyMemory<char>>(contextColumn);
        var question = cursor.GetGetter<ReadOnlyMemory<char>>(questionColumn);
        var answer = cursor.GetGetter<ReadOnlyMemory<char>>(answerColumn);
        var answerStart = cursor.GetGetter<int>(startColumn);
        while (cursor.MoveNext())
        {
            var row = prepareRow(context, question, answer, answerStart);
            if (row.Aligned)
            {
                yield return (row.Tokens, row.Answer);
            }
        }
    }
}
