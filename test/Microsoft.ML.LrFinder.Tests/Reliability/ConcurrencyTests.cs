using Microsoft.ML.LrFinder.Tests.Cli;
using Microsoft.ML.LrFinder.Tests.Fixtures;

namespace Microsoft.ML.LrFinder.Tests.Reliability;

/// <summary>
/// Sweeps on different models on different threads do not disturb each other: each records exactly the curve it records
/// alone and gets its model back bit for bit. (Dispose scopes are per thread; torch's random generator is per process, which
/// is why these models have no dropout: see docs/reliability.md.)
/// </summary>
[NonParallelizable]
public class ConcurrencyTests
{
    private const int Iterations = 200;
    private const int Rounds = 3;

    [Test]
    public void Two_sweeps_on_two_threads_at_once_record_exactly_the_curves_they_record_alone()
    {
        LrFinderResult aloneFirst;
        LrFinderResult aloneSecond;
        using (var first = new SmallClassifier(seed: 1, dropout: false))
        {
            aloneFirst = first.Sweep(Iterations);
        }

        using (var second = new SmallClassifier(seed: 2, dropout: false))
        {
            aloneSecond = second.Sweep(Iterations);
        }

        Assume.That(aloneFirst.Curve.Points, Is.Not.EqualTo(aloneSecond.Curve.Points), "two different models");
        for (int round = 0; round < Rounds; round++)
        {
            using var first = new SmallClassifier(seed: 1, dropout: false);
            using var second = new SmallClassifier(seed: 2, dropout: false);
            var firstBefore = first.Fingerprint();
            var secondBefore = second.Fingerprint();

            var (together1, together2) = RunTogether(() => first.Sweep(Iterations), () => second.Sweep(Iterations));

            Assert.Multiple(() =>
            {
                AssertSameResult(together1, aloneFirst, $"round {round}, first model");
                AssertSameResult(together2, aloneSecond, $"round {round}, second model");
                Assert.That(first.Fingerprint(), Is.EqualTo(firstBefore), $"round {round}: first model restored");
                Assert.That(second.Fingerprint(), Is.EqualTo(secondBefore), $"round {round}: second model restored");
            });
        }
    }

    [Test]
    public void Two_lrfind_runs_into_different_folders_at_once_both_succeed_with_the_same_results()
    {
        // Two processes, as two users or two CI jobs would start them; the demo is seeded, so both must write the same curve.
        using var folder = new TempFolder();
        string[] outputs = [folder.File("first"), folder.File("second")];
        var processes = outputs.Select(output => CliRun.Start("demo", "-o", output, "--num-iterations", "60", "--epochs", "1")).ToArray();
        var runs = processes.Select(CliRun.Finish).ToArray();
        foreach (var process in processes)
        {
            process.Dispose();
        }

        string[] files = ["lr-find.csv", "lr-find.json", "lr-find.png", "lr-find.svg"];
        Assert.Multiple(() =>
        {
            foreach (var run in runs)
            {
                Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString);
                Assert.That(run.Error, Is.Empty, run.ToString);
            }

            Assert.That(folder.Entries(), Is.EquivalentTo(outputs.SelectMany(o => files.Select(f => Path.Combine(Path.GetFileName(o), f))).Concat(["first", "second"])), "the two folders and their four files, nothing staged or temporary");
            Assert.That(File.ReadAllText(Path.Combine(outputs[1], "lr-find.csv")), Is.EqualTo(File.ReadAllText(Path.Combine(outputs[0], "lr-find.csv"))), "the same curve");
            Assert.That(File.ReadAllText(Path.Combine(outputs[1], "lr-find.json")), Is.EqualTo(File.ReadAllText(Path.Combine(outputs[0], "lr-find.json"))), "the same suggestions");
        });
    }

    internal static void AssertSameResult(LrFinderResult actual, LrFinderResult expected, string what)
    {
        Assert.That(actual.Curve.Points, Is.EqualTo(expected.Curve.Points), $"{what}: curve, bit for bit");
        Assert.That(actual.StopReason, Is.EqualTo(expected.StopReason), $"{what}: stop reason");
        Assert.That(
            actual.Suggestions.Select(s => (s.Method, s.LearningRate, s.Point, s.Explanation)),
            Is.EqualTo(expected.Suggestions.Select(s => (s.Method, s.LearningRate, s.Point, s.Explanation))),
            $"{what}: suggestions");
        Assert.That(actual.Warnings, Is.EqualTo(expected.Warnings), $"{what}: warnings");
    }

    /// <summary>Runs both on their own threads, released at the same moment; rethrows what either threw.</summary>
    internal static (T First, T Second) RunTogether<T>(Func<T> first, Func<T> second)
    {
        using var start = new Barrier(2);
        var results = new T[2];
        var errors = new Exception?[2];
        var threads = new[] { first, second }.Select((work, i) => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                results[i] = work();
            }
            catch (Exception ex)
            {
                errors[i] = ex;
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        if (errors.FirstOrDefault(e => e is not null) is { } error)
        {
            throw new AggregateException(errors.OfType<Exception>());
        }

        return (results[0], results[1]);
    }
}
