using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML.Runtime;
using Spectre.Console;

namespace Microsoft.ML.LrFinder.Cli.Output;

/// <summary>
/// <c>--train</c>'s progress, epoch by epoch, with the same live bar or plain lines as a sweep. The trainer's own <c>Fit</c> has no
/// progress hook; each of Microsoft.ML.TorchSharp 0.23.1's trainers traces <c>Finished epoch {i}</c> through
/// <c>MLContext.Log</c> after every epoch, which is what this counts.
/// </summary>
internal static partial class EpochProgress
{
    /// <summary>Runs <paramref name="fit"/> and reports each finished epoch.</summary>
    /// <typeparam name="T">What the fit returns.</typeparam>
    /// <param name="console">The tool's console.</param>
    /// <param name="ansi">The Spectre console over <see cref="CliConsole.Out"/>.</param>
    /// <param name="mlContext">The context the trainer was created from.</param>
    /// <param name="epochs">The trainer's <c>MaxEpoch</c>.</param>
    /// <param name="learningRate">The learning rate of the fit, for the display; NaN when it is the trainer's own.</param>
    /// <param name="fit">The fit.</param>
    /// <returns>What <paramref name="fit"/> returned.</returns>
    public static T Run<T>(CliConsole console, IAnsiConsole ansi, MLContext mlContext, int epochs, double learningRate, Func<T> fit) =>
        SweepProgress.Run(console, ansi, "train", epochs, progress =>
        {
            var stopwatch = Stopwatch.StartNew();
            void OnLog(object? sender, LoggingEventArgs e)
            {
                if (e.Kind == ChannelMessageKind.Trace && FinishedEpoch().Match(e.Message) is { Success: true } match
                    && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
                {
                    progress.Report(new LrFinderProgress(epoch, epochs, learningRate, double.NaN, double.NaN, stopwatch.Elapsed));
                }
            }

            mlContext.Log += OnLog;
            try
            {
                return fit();
            }
            finally
            {
                mlContext.Log -= OnLog;
            }
        });

    [GeneratedRegex(@"Finished epoch (\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex FinishedEpoch();
}
