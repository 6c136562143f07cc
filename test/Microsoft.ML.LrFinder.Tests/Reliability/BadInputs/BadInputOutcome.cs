namespace Microsoft.ML.LrFinder.Tests.Reliability.BadInputs;

/// <summary>What feeding a bad input did: the exception thrown, or the CLI's exit code and standard error, and a check of what it left behind.</summary>
public sealed record BadInputOutcome(Exception? Thrown, int? ExitCode = null, string ErrorText = "", string? LeftBehind = null)
{
    public static BadInputOutcome Of(Action action, Func<string?>? leftBehind = null)
    {
        Exception? thrown = null;
        try
        {
            action();
        }
        catch (Exception ex)
        {
            thrown = ex;
        }

        return new BadInputOutcome(thrown, LeftBehind: leftBehind?.Invoke());
    }
}
