using Microsoft.ML.Data;

namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>
/// Training rows whose text throws when the trainer reads it: reading a sentence is part of the trainer's own training step
/// (it tokenizes each row of a batch just before running the model), and only the training cursor reads text.
/// </summary>
internal static class FaultyRows
{
    public const string ReadMessage = "injected: reading the training data failed";

    public static string Read(string text, bool throws) => throws ? throw new IOException(ReadMessage) : text;

    internal sealed class Classification
    {
        private string sentence = string.Empty;

        // A key column straight from the rows: a MapValueToKey transform would read the rows through ML.NET's parallel
        // splitter, which reads ahead on worker threads and wraps what they throw. LoadFromEnumerable stores 0-based values
        // (0 and 1 here) as keys 1 and 2.
        [KeyType(2)]
        public uint Label { get; set; }

        public string Sentence
        {
            get => Read(sentence, ThrowsOnRead);
            set => sentence = value;
        }

        [NoColumn]
        public bool ThrowsOnRead { get; set; }
    }

    internal sealed class Pair
    {
        private string sentence1 = string.Empty;

        public string Sentence1
        {
            get => Read(sentence1, ThrowsOnRead);
            set => sentence1 = value;
        }

        public string Sentence2 { get; set; } = string.Empty;

        public float Label { get; set; }

        [NoColumn]
        public bool ThrowsOnRead { get; set; }
    }
}
