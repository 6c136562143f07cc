using System.CommandLine;

namespace Microsoft.ML.LrFinder.Cli.Options;

/// <summary>
/// <c>--schedule constant|one-cycle</c>: how the selected rate will be used in training, so that the default rule reads the
/// curve with the constants fitted for that use. Default: the trainer's own use (one-cycle for the NAS-BERT family and
/// question answering, constant for object detection), constant for the demo and for a saved curve.
/// </summary>
internal sealed class TrainingScheduleOption
{
    public TrainingScheduleOption()
    {
        Option = new Option<string?>("--schedule")
        {
            Description = "How the selected learning rate will be used: a constant rate, or the peak of a one-cycle schedule. [default: the trainer's own; constant for demo and suggest]",
            HelpName = "constant|one-cycle",
        };
        Option.AcceptOnlyFromAmong("constant", "one-cycle");
    }

    /// <summary>The option to add to a command.</summary>
    public Option<string?> Option { get; }

    /// <summary>Sets <see cref="LrFinderOptions.TrainingSchedule"/> when the option was given; otherwise leaves the default.</summary>
    /// <param name="parseResult">A parse result without errors.</param>
    /// <param name="options">The options to fill.</param>
    public void ApplyTo(ParseResult parseResult, LrFinderOptions options)
    {
        options.TrainingSchedule = parseResult.GetValue(Option) switch
        {
            "constant" => LrTrainingSchedule.Constant,
            "one-cycle" => LrTrainingSchedule.OneCycle,
            _ => options.TrainingSchedule,
        };
    }
}
