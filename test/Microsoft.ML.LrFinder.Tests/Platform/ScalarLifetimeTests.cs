using System.Reflection;
using System.Reflection.Emit;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder.Tests.Platform;

/// <summary>
/// TorchSharp 0.107 hands libtorch a <c>Scalar</c>'s native handle without keeping the <c>Scalar</c> alive for the call
/// (<c>Tensor.addcdiv_(t1, t2, Scalar value)</c> reads <c>value.Handle</c> and calls <c>THSTensor_addcdiv_</c>, no
/// <c>GC.KeepAlive</c>), and <c>Adam.step</c> passes a temporary (<c>value: -step_size</c>). A collection on another thread
/// during the native call lets the finalizer free the scalar while libtorch reads it: <c>c10::Scalar::toFloat</c>, "no valid
/// tag". The build's compatibility step 3 (docs/compatibility.md) keeps every <c>Scalar</c> argument alive until the call
/// returns. The first test checks that the step ran on the TorchSharp this process loaded, for every method it patches; the
/// second reproduces the race on purpose (a thread collecting in a loop; on the unpatched TorchSharp it failed within a minute
/// here, "Unknown scalar type" from <c>Adam.step</c>) and, being slow, runs only on request.
/// </summary>
public class ScalarLifetimeTests
{
    /// <summary>
    /// The number of methods compatibility step 3 patches in TorchSharp 0.107: the patcher's own count, printed by the build
    /// (<c>lrfinder-compat: …/TorchSharp.dll: 182 methods keep their Scalar arguments alive until they return</c>).
    /// </summary>
    private const int PatchedMethodsIn0107 = 182;

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>
    /// Every method the step must patch (the patcher's rule, eng/CompatibilityPatcher/ScalarKeepAlivePatcher.cs: each method
    /// with a body that takes a <c>Scalar</c>, and <c>Scalar</c>'s own instance methods but its finalizer, <c>Dispose</c> and
    /// constructors) calls <c>GC.KeepAlive</c> on each of those arguments, in order, right before every one of its returns.
    /// </summary>
    [Test]
    public void The_loaded_TorchSharp_keeps_every_Scalar_argument_alive_until_every_return()
    {
        var methods = typeof(Scalar).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared)))
            .Where(m => m.GetMethodBody() is not null)
            .Select(m => (Method: m, Arguments: ScalarArguments(m)))
            .Where(m => m.Arguments.Count > 0)
            .ToList();

        var unguarded = methods
            .Select(m => (m.Method, Returns: UnguardedReturns(m.Method, m.Arguments)))
            .Where(m => m.Returns > 0)
            .Select(m => $"{m.Method.DeclaringType}.{m.Method}: {m.Returns} return(s) without the keep-alives")
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(methods, Has.Count.EqualTo(PatchedMethodsIn0107), "the methods the patcher's rule selects");
            Assert.That(methods.Select(m => m.Method.Name), Does.Contain(nameof(Tensor.addcdiv_)).And.Contain(nameof(Tensor.add_)));
            Assert.That(unguarded, Is.Empty);
        });
    }

    [Test]
    [Explicit("Reproduces a TorchSharp 0.107 use-after-free; without a fix it aborts the test process (docs/reliability.md).")]
    public void Adam_steps_survive_collections_on_another_thread()
    {
        using var stop = new CancellationTokenSource();
        var collector = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });

        random.manual_seed(1);
        using var weight = new Parameter(randn(4_000_000));
        using var adam = optim.Adam([weight], lr: 1e-3);
        for (int step = 0; step < 2000; step++)
        {
            using var scope = NewDisposeScope();
            adam.zero_grad();
            (weight * weight).sum().backward();
            adam.step();
        }

        stop.Cancel();
        collector.Wait();
        Assert.That(weight.isfinite().all().item<bool>(), Is.True);
    }

    // The arguments the patcher keeps alive, as IL argument indices (0 is `this` in an instance method).
    private static List<int> ScalarArguments(MethodBase method)
    {
        int first = method.IsStatic ? 0 : 1;
        var arguments = method.GetParameters().Where(p => p.ParameterType == typeof(Scalar)).Select(p => p.Position + first).ToList();
        if (!method.IsStatic && method.DeclaringType == typeof(Scalar) && method is MethodInfo && method.Name is not ("Finalize" or "Dispose"))
        {
            arguments.Insert(0, 0);
        }

        return arguments;
    }

    // The returns not preceded by `ldarg a; call GC.KeepAlive` for each argument a, in order.
    private static int UnguardedReturns(MethodBase method, List<int> arguments)
    {
        var il = IlInstruction.Decode(method);
        int unguarded = 0;
        for (int i = 0; i < il.Count; i++)
        {
            if (il[i].OpCode != OpCodes.Ret)
            {
                continue;
            }

            int start = i - (2 * arguments.Count);
            bool guarded = start >= 0 && arguments.Select((argument, k) =>
                il[start + (2 * k)].LoadedArgument == argument && IsKeepAlive(method, il[start + (2 * k) + 1])).All(ok => ok);
            unguarded += guarded ? 0 : 1;
        }

        return unguarded;
    }

    private static bool IsKeepAlive(MethodBase method, IlInstruction instruction)
    {
        if (instruction.OpCode != OpCodes.Call)
        {
            return false;
        }

        var called = method.Module.ResolveMethod((int)instruction.Operand);
        return called is { Name: nameof(GC.KeepAlive) } && called.DeclaringType == typeof(GC);
    }
}
