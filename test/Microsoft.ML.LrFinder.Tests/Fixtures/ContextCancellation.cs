using System.Reflection;

namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>
/// Calls <c>MLContext.CancelExecution()</c>, which ML.NET 5.0.1 declares internal (it is how AutoML and Model Builder stop a
/// trial). The LR finder must honour it like the trainers do, so the tests trigger it the way those callers do.
/// </summary>
internal static class ContextCancellation
{
    private static readonly MethodInfo CancelExecution =
        typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
        ?? throw new MissingMethodException(nameof(MLContext), "CancelExecution");

    public static void Cancel(MLContext mlContext) => CancelExecution.Invoke(mlContext, null);
}
