namespace Microsoft.ML.LrFinder.Tests.Architecture;

/// <summary>One source file of the library: its path, its layer folder, the type it holds and its code without comments or strings.</summary>
internal sealed record SourceFile(string Path, string Layer, string TypeName, string Code);
