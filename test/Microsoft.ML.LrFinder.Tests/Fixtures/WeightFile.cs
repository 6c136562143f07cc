namespace Microsoft.ML.LrFinder.Tests.Fixtures;

/// <summary>A generated random-weight file and what it cost.</summary>
/// <param name="Model">Which pretrained model it stands in for.</param>
/// <param name="FilePath">Where ML.NET finds it: <c>&lt;TempFilePath&gt;/mlnet/&lt;file name&gt;</c>.</param>
/// <param name="Bytes">The file size.</param>
/// <param name="Parameters">The number of parameters written.</param>
/// <param name="GenerationTime">The wall time to build the module and write the file.</param>
internal sealed record WeightFile(PretrainedModel Model, string FilePath, long Bytes, long Parameters, TimeSpan GenerationTime);
