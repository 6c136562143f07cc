using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Microsoft.ML.LrFinder.Build;

/// <summary>
/// Makes Microsoft.ML.TorchSharp 0.23.1 and 0.24.0 (both built against TorchSharp 0.102.7) run on a newer TorchSharp:
/// (1) its <c>ModelUtils.Init*</c> helpers dispose the tensor that <c>torch.nn.init.*_</c> returns — since TorchSharp 0.105 that is the
/// parameter itself, so the weights would be destroyed: the patched helpers drop the returned reference instead;
/// (2) two <c>functional.interpolate</c> calls bind to an overload that later gained an <c>antialias</c> parameter: the patched calls
/// pass <c>antialias: false</c>, the old behaviour, to the new overload.
/// </summary>
internal static class TorchSharpBindingPatcher
{
    private const string ModelUtilsType = "Microsoft.ML.TorchSharp.Utils.ModelUtils";
    private const string InitTypeFullName = "TorchSharp.torch/nn/init";
    private const string FunctionalTypeFullName = "TorchSharp.torch/nn/functional";

    public static IReadOnlyList<string> Patch(string mlTorchSharpPath, string outputFolder, bool dryRun)
    {
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(outputFolder);
        resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        var changes = new List<string>();
        using (var module = ModuleDefinition.ReadModule(mlTorchSharpPath, new ReaderParameters { AssemblyResolver = resolver, InMemory = true }))
        {
            changes.AddRange(KeepInitializedParameters(module));
            changes.AddRange(RebindInterpolate(module));
            if (changes.Count > 0 && !dryRun)
            {
                string temporary = mlTorchSharpPath + ".patching";
                module.Write(temporary);
                File.Move(temporary, mlTorchSharpPath, overwrite: true);
            }
        }

        return changes;
    }

    /// <summary>Reads the TorchSharp version an assembly was compiled against.</summary>
    public static Version? ReferencedTorchSharpVersion(string mlTorchSharpPath)
    {
        using var module = ModuleDefinition.ReadModule(mlTorchSharpPath);
        return module.AssemblyReferences.FirstOrDefault(r => r.Name == "TorchSharp")?.Version;
    }

    /// <summary>Reads an assembly's own version.</summary>
    public static Version AssemblyVersion(string path)
    {
        using var module = ModuleDefinition.ReadModule(path);
        return module.Assembly.Name.Version;
    }

    private static IEnumerable<string> KeepInitializedParameters(ModuleDefinition module)
    {
        var modelUtils = module.GetType(ModelUtilsType);
        if (modelUtils is null)
        {
            yield break;
        }

        foreach (var method in modelUtils.Methods.Where(m => m.HasBody && m.Name.StartsWith("Init", StringComparison.Ordinal)))
        {
            var body = method.Body;
            var initCall = body.Instructions.FirstOrDefault(i =>
                i.OpCode == OpCodes.Call && i.Operand is MethodReference m && m.DeclaringType.FullName == InitTypeFullName);
            bool disposes = body.Instructions.Any(i => i.Operand is MethodReference m && m.Name == "Dispose");
            if (initCall is null || !disposes)
            {
                continue; // Already patched, or a helper that never disposed.
            }

            // Keep the argument loads and the init call; drop the returned reference (it is the caller's parameter) instead of disposing it.
            var keep = body.Instructions.TakeWhile(i => i != initCall).Append(initCall).ToList();
            body.ExceptionHandlers.Clear();
            body.Variables.Clear();
            body.Instructions.Clear();
            foreach (var instruction in keep)
            {
                body.Instructions.Add(instruction);
            }

            body.Instructions.Add(Instruction.Create(OpCodes.Pop));
            body.Instructions.Add(Instruction.Create(OpCodes.Ret));
            yield return $"{ModelUtilsType}.{method.Name}: no longer disposes the initialized parameter";
        }
    }

    private static IEnumerable<string> RebindInterpolate(ModuleDefinition module)
    {
        foreach (var method in module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
        {
            var il = method.Body.GetILProcessor();
            foreach (var call in method.Body.Instructions.ToList())
            {
                if (call.OpCode != OpCodes.Call || call.Operand is not MethodReference target
                    || target.Name != "interpolate" || target.DeclaringType.FullName != FunctionalTypeFullName
                    || target.Parameters.Count != 6)
                {
                    continue;
                }

                var rebound = new MethodReference(target.Name, target.ReturnType, target.DeclaringType) { HasThis = false };
                foreach (var parameter in target.Parameters)
                {
                    rebound.Parameters.Add(new ParameterDefinition(parameter.ParameterType));
                }

                rebound.Parameters.Add(new ParameterDefinition(module.TypeSystem.Boolean));
                il.InsertBefore(call, Instruction.Create(OpCodes.Ldc_I4_0));
                call.Operand = rebound;
                yield return $"{method.DeclaringType.FullName}.{method.Name}: interpolate(..., antialias: false)";
            }
        }
    }
}
