using Microsoft.ML.Data;

namespace Microsoft.ML.LrFinder.Trainers;

/// <summary>
/// The bad-input checks every trainer hook runs before training, with messages that name the column or option to fix.
/// They throw <see cref="ArgumentException"/> with parameter name <c>input</c> (the data) or the option's name.
/// </summary>
internal static class InputChecks
{
    private const string DataParameter = "input";

    /// <summary>The column named by option <paramref name="optionName"/>; throws when the name is unset or the column is missing.</summary>
    public static DataViewSchema.Column Column(IDataView input, string? columnName, string optionName, string trainerName)
    {
        if (string.IsNullOrEmpty(columnName))
        {
            throw new ArgumentException($"{trainerName} needs {optionName} to name a column.", optionName);
        }

        return input.Schema.GetColumnOrNull(columnName)
            ?? throw new ArgumentException($"The data has no column '{columnName}' ({trainerName}'s {optionName}).", DataParameter);
    }

    public static void RequireText(DataViewSchema.Column column, string optionName) =>
        Require(column, column.Type is TextDataViewType, optionName, "Text");

    public static void RequireSingle(DataViewSchema.Column column, string optionName) =>
        Require(column, column.Type == NumberDataViewType.Single, optionName, "Single");

    public static void RequireInt32(DataViewSchema.Column column, string optionName) =>
        Require(column, column.Type == NumberDataViewType.Int32, optionName, "Int32");

    public static void RequireKey(DataViewSchema.Column column, string optionName) =>
        Require(column, column.Type is KeyDataViewType { RawType: var raw } && raw == typeof(uint), optionName, "a key (UInt32) — map labels with MapValueToKey");

    public static void RequireKeyVector(DataViewSchema.Column column, string optionName) =>
        Require(
            column,
            column.Type is VectorDataViewType { ItemType: KeyDataViewType { RawType: var raw } } && raw == typeof(uint),
            optionName,
            "a vector of keys (UInt32) — map labels with MapValueToKey");

    public static void RequireSingleVector(DataViewSchema.Column column, string optionName) =>
        Require(column, column.Type is VectorDataViewType { ItemType: var item } && item == NumberDataViewType.Single, optionName, "a vector of Single");

    /// <summary>The number of rows; enumerates them when the view does not know.</summary>
    public static long CountRows(IDataView input)
    {
        if (input.GetRowCount() is { } known)
        {
            return known;
        }

        long rows = 0;
        using var cursor = input.GetRowCursor([]);
        while (cursor.MoveNext())
        {
            rows++;
        }

        return rows;
    }

    /// <summary>Throws when the data is empty or holds fewer rows than one batch.</summary>
    public static void RequireOneBatch(long rows, int batchSize, string batchSizeName, string trainerName)
    {
        if (rows == 0)
        {
            throw new ArgumentException($"The data has no rows: {trainerName} cannot train.", DataParameter);
        }

        if (rows < batchSize)
        {
            throw new ArgumentException(
                $"The data has {rows} rows, fewer than one batch ({batchSizeName} = {batchSize}): the sweep needs at least one full batch.",
                DataParameter);
        }
    }

    /// <summary>
    /// Throws when held-out data's label column has another type than the training data's: a model's scores have one column per
    /// class of the training labels, and a key type with another count cannot be scored by them.
    /// </summary>
    public static void RequireTrainingLabelType(DataViewSchema.Column label, DataViewSchema.Column trainingLabel, string optionName)
    {
        if (!label.Type.Equals(trainingLabel.Type))
        {
            throw new ArgumentException(
                $"Column '{label.Name}' ({optionName}) is {label.Type}, but {trainingLabel.Type} in the training data; map both with the same fitted MapValueToKey.",
                DataParameter);
        }
    }

    /// <summary>Throws when held-out data has no rows to score a model on.</summary>
    public static void RequireRowsToScore(IDataView validation)
    {
        if (CountRows(validation) == 0)
        {
            throw new ArgumentException("The data has no rows to score.", DataParameter);
        }
    }

    /// <summary>Throws when a classification label column holds fewer than two distinct classes.</summary>
    public static void RequireTwoClasses(int distinctClasses, string columnName, string optionName)
    {
        if (distinctClasses < 2)
        {
            throw new ArgumentException(
                $"The label column '{columnName}' ({optionName}) holds {distinctClasses} class; a classifier needs at least 2.", DataParameter);
        }
    }

    private static void Require(DataViewSchema.Column column, bool ok, string optionName, string expected)
    {
        if (!ok)
        {
            throw new ArgumentException($"Column '{column.Name}' ({optionName}) must be {expected}, not {column.Type}.", DataParameter);
        }
    }
}
