using Spectre.Console;

namespace Microsoft.ML.LrFinder.Cli.Output;

/// <summary>
/// Shows a sweep's (or a fit's) progress: on a terminal a live bar (iteration / total, learning rate, smoothed loss, time
/// elapsed, time left); when output is redirected, a plain line every tenth of the run and at its last iteration.
/// </summary>
internal static class SweepProgress
{
    /// <summary>Runs <paramref name="sweep"/> with a progress reporter suited to the console.</summary>
    /// <typeparam name="T">What the sweep returns.</typeparam>
    /// <param name="console">The tool's console.</param>
    /// <param name="ansi">The Spectre console over <see cref="CliConsole.Out"/>.</param>
    /// <param name="description">What is running, for example <c>sweep</c>.</param>
    /// <param name="totalIterations">The number of iterations requested.</param>
    /// <param name="sweep">Runs the sweep, reporting to the reporter it is given.</param>
    /// <returns>What <paramref name="sweep"/> returned.</returns>
    public static T Run<T>(CliConsole console, IAnsiConsole ansi, string description, int totalIterations, Func<IProgress<LrFinderProgress>, T> sweep)
    {
        if (!console.IsInteractive)
        {
            return sweep(new PlainLineProgress(console.Out, description, totalIterations));
        }

        return ansi.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn { Width = 20 },
                new IterationColumn(),
                new LearningRateLossColumn(),
                new TimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: totalIterations);
                var value = sweep(new LiveBarProgress(task));
                task.StopTask();
                return value;
            });
    }
}
