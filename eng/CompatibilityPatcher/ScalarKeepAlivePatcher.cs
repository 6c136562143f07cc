using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Microsoft.ML.LrFinder.Build;

/// <summary>
/// Keeps every <c>Scalar</c> argument of TorchSharp's methods alive until the method returns. TorchSharp 0.107 reads
/// <c>scalar.Handle</c>, passes it to libtorch and never touches the <c>Scalar</c> again, so a temporary one — <c>Adam.step</c>
/// calls <c>param.addcdiv_(exp_avg, denom, value: -step_size)</c>, converting the double on the spot — is unreachable during
/// the native call. A garbage collection started by another thread in that window lets the finalizer free the native scalar
/// while libtorch reads it: a crash in <c>c10::Scalar::toFloat</c> ("no valid tag"), seen in Adam after heavy earlier work in
/// the same process. The patch inserts <c>GC.KeepAlive(argument)</c> before every return of every method that takes a
/// <c>Scalar</c> (and, in <c>Scalar</c>'s own instance methods, of <c>this</c>).
/// </summary>
internal static class ScalarKeepAlivePatcher
{
    private const string ScalarTypeFullName = "TorchSharp.Scalar";

    /// <summary>Patches the methods that lack the keep-alive; returns how many it patched (0 when already done).</summary>
    public static int Patch(string torchSharpPath, bool dryRun)
    {
        int patched = 0;
        using (var module = ModuleDefinition.ReadModule(torchSharpPath, new ReaderParameters { InMemory = true }))
        {
            var keepAlive = KeepAliveReference(module);
            foreach (var method in module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
            {
                var arguments = ScalarArguments(method);
                if (arguments.Count == 0 || IsPatched(method))
                {
                    continue;
                }

                var il = method.Body.GetILProcessor();
                foreach (var ret in method.Body.Instructions.Where(i => i.OpCode == OpCodes.Ret).ToList())
                {
                    // The return instruction becomes the first load, so branches to the return now run the keep-alives first.
                    var load = Load(il, arguments[0]);
                    ret.OpCode = load.OpCode;
                    ret.Operand = load.Operand;
                    var last = ret;
                    for (int a = 0; a < arguments.Count; a++)
                    {
                        if (a > 0)
                        {
                            var next = Load(il, arguments[a]);
                            il.InsertAfter(last, next);
                            last = next;
                        }

                        var call = il.Create(OpCodes.Call, keepAlive);
                        il.InsertAfter(last, call);
                        last = call;
                    }

                    il.InsertAfter(last, il.Create(OpCodes.Ret));
                }

                patched++;
            }

            if (patched > 0 && !dryRun)
            {
                string temporary = torchSharpPath + ".patching";
                module.Write(temporary);
                File.Move(temporary, torchSharpPath, overwrite: true);
            }
        }

        return patched;
    }

    // The parameters of type Scalar; for Scalar's own instance methods (but its finalizer and Dispose), also `this`.
    private static List<ParameterDefinition> ScalarArguments(MethodDefinition method)
    {
        var arguments = method.Parameters.Where(p => p.ParameterType.FullName == ScalarTypeFullName).ToList();
        if (method.HasThis && method.DeclaringType.FullName == ScalarTypeFullName && method.Name is not ("Finalize" or "Dispose" or ".ctor"))
        {
            arguments.Insert(0, method.Body.ThisParameter);
        }

        return arguments;
    }

    private static bool IsPatched(MethodDefinition method) =>
        method.Body.Instructions.Any(i => i.OpCode == OpCodes.Ret
            && i.Previous is { OpCode.Code: Code.Call, Operand: MethodReference { Name: "KeepAlive" } called }
            && called.DeclaringType.FullName == "System.GC");

    private static Instruction Load(ILProcessor il, ParameterDefinition argument) =>
        argument == il.Body.ThisParameter ? il.Create(OpCodes.Ldarg_0) : il.Create(OpCodes.Ldarg, argument);

    // System.GC::KeepAlive(object) from the runtime facade the module already references.
    private static MethodReference KeepAliveReference(ModuleDefinition module)
    {
        var runtime = module.AssemblyReferences.FirstOrDefault(r => r.Name == "System.Runtime")
            ?? throw new InvalidOperationException($"{module.Name} does not reference System.Runtime.");
        var gc = new TypeReference("System", "GC", module, runtime);
        var keepAlive = new MethodReference("KeepAlive", module.TypeSystem.Void, gc) { HasThis = false };
        keepAlive.Parameters.Add(new ParameterDefinition(module.TypeSystem.Object));
        return keepAlive;
    }
}
