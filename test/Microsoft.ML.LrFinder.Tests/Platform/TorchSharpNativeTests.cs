using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Platform;

/// <summary>The native backend loads from the build output (docs/compatibility.md, step 1) and computes.</summary>
public class TorchSharpNativeTests
{
    [Test]
    public void Libtorch_loads_and_computes_a_matrix_product()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        var product = a.matmul(a);
        Assert.That(product.data<float>().ToArray(), Is.EqualTo(new float[] { 7, 10, 15, 22 }));
    }
}
