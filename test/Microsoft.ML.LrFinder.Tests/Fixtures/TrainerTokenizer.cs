using System.Reflection;
using Microsoft.ML.Tokenizers;
using Microsoft.ML.TorchSharp.NasBert;

namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>
/// The tokenizer the NAS-BERT trainers and their transformers share, read by the tests' own reflection
/// (<c>Microsoft.ML.TorchSharp.Extensions.TokenizerExtensions.GetInstance(IChannel)</c>, decompiled 0.23.1).
/// </summary>
internal static class TrainerTokenizer
{
    public static Tokenizer Shared => (Tokenizer)typeof(NerTrainer).Assembly
        .GetType("Microsoft.ML.TorchSharp.Extensions.TokenizerExtensions", throwOnError: true)!
        .GetMethod("GetInstance", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!
        .Invoke(null, [null])!;
}
