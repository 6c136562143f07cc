using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace Microsoft.ML.LrFinder.Plotting;

/// <summary>
/// The plot of a tuned sweep: the sweep's plot, plus every probed candidate as a thin vertical line at its learning rate, the
/// probes' held-out losses on a right-hand axis of their own (they are on another scale than the training loss), one dashed
/// line per round of successive halving, and the chosen rate as a bold line labelled with the number the reports print.
/// </summary>
internal static class LrTunePlotBuilder
{
    private static readonly OxyColor ProbeColor = OxyColor.FromRgb(0x44, 0x44, 0x44);

    private static readonly MarkerType[] RoundMarkers = [MarkerType.Square, MarkerType.Triangle, MarkerType.Circle];

    public static PlotModel Build(LrTuneResult result, LrPlotOptions options)
    {
        var model = LrPlotBuilder.Build(result.FinderResult, options);
        var finite = result.Candidates.Where(c => double.IsFinite(c.ValidationLoss)).ToArray();
        foreach (double rate in result.Candidates.Select(c => c.LearningRate).Distinct())
        {
            bool chosen = rate == result.ChosenLearningRate;
            model.Annotations.Add(new LineAnnotation
            {
                Type = LineAnnotationType.Vertical,
                X = rate,
                Color = ProbeColor,
                StrokeThickness = chosen ? 2 : 1,
                LineStyle = chosen ? LineStyle.Solid : LineStyle.Dot,
            });
        }

        if (finite.Length == 0)
        {
            return model;
        }

        double low = finite.Min(c => c.ValidationLoss);
        double high = finite.Max(c => c.ValidationLoss);
        double margin = high > low ? (high - low) * 0.15 : Math.Max(Math.Abs(low) * 0.1, 1e-3);
        model.Axes.Add(new LinearAxis
        {
            Key = LrPlotBuilder.ValidationLossAxisKey,
            Position = AxisPosition.Right,
            Title = "held-out loss after probe",
            Minimum = low - margin,
            Maximum = high + margin,
            LabelFormatter = LrFormat.Loss,
            TickStyle = TickStyle.Outside,
            TextColor = ProbeColor,
            TitleColor = ProbeColor,
        });
        // One line per round: a later round's probes are longer, so their losses are lower and not comparable with the first's.
        var rounds = finite.GroupBy(c => c.Round).OrderBy(g => g.Key).ToArray();
        foreach (var round in rounds)
        {
            var probes = new LineSeries
            {
                Title = rounds.Length == 1
                    ? "held-out loss after probe (right axis)"
                    : FormattableString.Invariant($"held-out loss after probe, round {round.Key} (right axis)"),
                XAxisKey = LrPlotBuilder.LearningRateAxisKey,
                YAxisKey = LrPlotBuilder.ValidationLossAxisKey,
                Color = ProbeColor,
                StrokeThickness = 1,
                LineStyle = round.Key == rounds[^1].Key ? LineStyle.Dash : LineStyle.Dot,
                MarkerType = RoundMarkers[round.Key % RoundMarkers.Length],
                MarkerSize = 4,
                MarkerFill = ProbeColor,
            };
            probes.Points.AddRange(round.OrderBy(c => c.LearningRate).Select(c => new DataPoint(c.LearningRate, c.ValidationLoss)));
            model.Series.Add(probes);
        }
        if (result.Chosen is { } best)
        {
            model.Annotations.Add(new PointAnnotation
            {
                XAxisKey = LrPlotBuilder.LearningRateAxisKey,
                YAxisKey = LrPlotBuilder.ValidationLossAxisKey,
                X = best.LearningRate,
                Y = best.ValidationLoss,
                Shape = MarkerType.Diamond,
                Size = 8,
                Fill = ProbeColor,
                Stroke = OxyColors.White,
                StrokeThickness = 1.5,
            });

            // The label sits beside the diamond, on the side with more room, so that it stays inside the plot area.
            var rates = result.FinderResult.Curve.Points.Select(p => p.LearningRate).Where(r => double.IsFinite(r) && r > 0).DefaultIfEmpty(best.LearningRate).ToArray();
            double span = Math.Log(rates.Max()) - Math.Log(rates.Min());
            bool roomOnRight = span <= 0 || (Math.Log(best.LearningRate) - Math.Log(rates.Min())) / span < 0.6;
            model.Annotations.Add(new TextAnnotation
            {
                XAxisKey = LrPlotBuilder.LearningRateAxisKey,
                YAxisKey = LrPlotBuilder.ValidationLossAxisKey,
                TextPosition = new DataPoint(best.LearningRate, best.ValidationLoss),
                Text = $"tuned {LrFormat.LearningRate(best.LearningRate)} (held-out loss {LrFormat.Loss(best.ValidationLoss)})",
                TextHorizontalAlignment = roomOnRight ? HorizontalAlignment.Left : HorizontalAlignment.Right,
                TextVerticalAlignment = VerticalAlignment.Middle,
                Offset = new ScreenVector(roomOnRight ? 10 : -10, 0),
                FontWeight = FontWeights.Bold,
                TextColor = ProbeColor,
                Background = LrPlotStyle.LabelBackground,
                Stroke = ProbeColor,
                StrokeThickness = 1,
                Padding = new OxyThickness(4),
            });
        }

        return model;
    }
}
