using System.Globalization;
using System.Text;
using Microsoft.ML.LrFinder.Benchmarks.Reporting;

namespace Microsoft.ML.LrFinder.Benchmarks.Cost;

/// <summary>The cost benchmarks' tables.</summary>
internal static class CostReport
{
    public static string Overhead(IReadOnlyList<OverheadResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("### Overhead: time per sweep iteration ÷ time per plain training step");
        text.AppendLine(Format.Invariant(
            $"TorchSharp models: same model, optimizer (Adam) and batches; {results.FirstOrDefault()?.Steps ?? 0} steps per loop and iterations per sweep (range 1e-5 → 1e-2, so no sweep stops early). A sweep iteration is the whole sweep (snapshot, restore and suggestions included) ÷ iterations run. Rounds alternate the order; the ratio is the median of per-round ratios, with its interquartile range; the last ratio divides the fastest sweep iteration by the fastest plain step (other jobs only ever add time, so the fastest rounds are the least disturbed). Target ≤ {OverheadResult.Target:0.00}."));
        if (results.Any(r => r.Model.Contains("ML.NET", StringComparison.Ordinal)))
        {
            text.AppendLine();
            text.AppendLine(
                Format.Invariant($"The ML.NET row differs: the trainer's `Fit` and `mlContext.LrFinder().Find` each start with setup (trainer, model, weights, tokenising), so each is timed at {TrainerOverheadBenchmark.ShortEpochs} and {TrainerOverheadBenchmark.LongEpochs} epochs and the per-step time is the difference ÷ the extra steps; its rounds rotate the order of the four runs."));
        }

        text.AppendLine();
        var table = new MarkdownTable("model", "rounds", "plain step (median)", "sweep iteration (median)", "ratio (median)", "IQR", "ratio of fastest", "met");
        foreach (var r in results)
        {
            table.Add(
                r.Model, r.Rounds.ToString(CultureInfo.InvariantCulture), Format.Ms(r.PlainStepMs), Format.Ms(r.SweepIterationMs), Format.Ratio3(r.Ratio),
                $"{Format.Ratio3(r.RatioLow)} – {Format.Ratio3(r.RatioHigh)}", Format.Ratio3(r.RatioOfFastest), Format.Met(r.Ratio <= OverheadResult.Target));
        }

        table.AlignRight(1, 2, 3, 4, 6);
        text.AppendLine(table.ToString());
        foreach (var r in results.Where(r => r.SweepWorkMs is not null))
        {
            text.AppendLine(Format.Invariant(
                $"Where a sweep step's extra time can go ({r.Model}): the sweep's own work per step — the trainer's loss recomputed from the head's logits, the point recorded, the progress line logged, the next rate set — timed alone over 2,000 steps: {r.SweepWorkMs:0.000} ms, {100 * r.SweepWorkMs / r.PlainStepMs:0.0000} % of a plain step. The rest of a sweep step is the trainer's own step."));
            text.AppendLine();
        }

        return text.ToString();
    }

    public static string Snapshot(SnapshotResult r)
    {
        var text = new StringBuilder();
        text.AppendLine("### Snapshot and restore (large model)");
        text.AppendLine(Format.Invariant(
            $"MLP 64-2048-2048-2048-2048-10 ({r.Parameters / 1e6:0.0} M parameters), Adam after one step (two moment buffers per parameter), batch 64. Medians of {r.Repetitions} interleaved repetitions (step, snapshot, restore)."));
        text.AppendLine();
        var table = new MarkdownTable("measure", "value", "reference", "ratio", "target", "met");
        table.Add("time: snapshot + restore", $"{Format.Ms(r.SnapshotMs)} + {Format.Ms(r.RestoreMs)}", $"one training step {Format.Ms(r.StepMs)}", Format.Ratio(r.TimeRatio), Format.Invariant($"≤ {SnapshotResult.TimeTarget:0}"), Format.Met(r.TimeRatio <= SnapshotResult.TimeTarget));
        table.Add(
            "bytes held by the snapshot (gradients zeroed)",
            Format.Invariant($"{Format.MiB(r.SnapshotBytes)} ({r.SnapshotBytes:N0} B)"),
            Format.Invariant($"parameters + optimizer state {Format.MiB(r.StateBytes)} ({r.StateBytes:N0} B)"),
            Format.Ratio(r.BytesRatio),
            Format.Invariant($"≤ {SnapshotResult.BytesTarget:0}, besides torch's generator state ({r.GeneratorStateBytes:N0} B) and ≤ {SnapshotResult.BookkeepingBytes:N0} B of bookkeeping"),
            Format.Met(r.BytesMet));
        table.Add("bytes held, the last step's gradients kept", Format.MiB(r.SnapshotBytesWithGradients), $"parameters + optimizer state {Format.MiB(r.StateBytes)}", Format.Ratio(r.BytesRatioWithGradients), "—", "—");
        table.AlignRight(3);
        text.AppendLine(table.ToString());
        return text.ToString();
    }

    public static string Leaks(LeakResult r)
    {
        var text = new StringBuilder();
        text.AppendLine(Format.Invariant($"### Leaks: {r.Sweeps} sweeps in one process"));
        text.AppendLine(Format.Invariant(
            $"Digits MLP, Adam, default range (each sweep diverges and stops early). Readings after 3 warm-up sweeps and a full GC. Control: {r.Sweeps} plain training loops of {LrFinderDefaults.NumberOfIterations} steps on the same model. Targets: no growth in live tensors; RSS growth < {LeakResult.RssGrowthTarget:P0}."));
        text.AppendLine();
        var table = new MarkdownTable("measure", "before", "after", "growth", "met");
        table.Add("live tensors (`Tensor.TotalCount`)", r.TensorsBefore.ToString(CultureInfo.InvariantCulture), r.TensorsAfter.ToString(CultureInfo.InvariantCulture), Format.Invariant($"{r.TensorGrowth:+0;-0;0} (control {r.ControlGrowth:+0;-0;0})"), Format.Met(r.TensorGrowth <= Math.Max(0, r.ControlGrowth)));
        table.Add("thread's live tensors (dispose-scope statistics)", "—", "—", Format.Invariant($"{r.ThreadLiveGrowth:+0;-0;0}"), Format.Met(r.ThreadLiveGrowth <= 0));
        table.Add("process RSS", Format.MiB(r.RssBefore), Format.MiB(r.RssAfter), Format.Percent(r.RssGrowth), Format.Met(r.RssGrowth < LeakResult.RssGrowthTarget));
        text.AppendLine(table.ToString());
        return text.ToString();
    }

    public static string EarlyStop(IReadOnlyList<EarlyStopResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("### Early stop");
        text.AppendLine(Format.Invariant(
            $"Default options ({LrFinderDefaults.NumberOfIterations} iterations, stop when the smoothed loss exceeds {LrFinderDefaults.DivergenceThreshold}× its best). The overshoot is the iterations run after the loss began to diverge: the debiased moving average (β = {LrFinderDefaults.SmoothingBeta}) needs a few steps to cross the threshold."));
        text.AppendLine();
        var table = new MarkdownTable("curve", "diverges at", "iterations run ÷ requested", "overshoot", "stop reason", "last LR");
        foreach (var r in results)
        {
            table.Add(
                r.Curve,
                r.DivergesAt < 0 ? "—" : Format.Invariant($"iteration {r.DivergesAt} ({(double)r.DivergesAt / r.Requested:P0})"),
                Format.Invariant($"{r.Run} ÷ {r.Requested} = {r.Fraction:0.00}"),
                r.Overshoot < 0 ? "—" : r.Overshoot.ToString(CultureInfo.InvariantCulture),
                r.StopReason.ToString(),
                Format.Lr(r.StopLearningRate));
        }

        text.AppendLine(table.ToString());
        return text.ToString();
    }
}
