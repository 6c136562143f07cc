using Microsoft.ML.LrFinder.Build;

// Usage: CompatibilityPatcher <output-folder> [--dry-run]
// Applies the platform compatibility steps of docs/compatibility.md to the copies in one build output folder.
// Each step checks its own trigger and does nothing when it is not needed, so running it twice changes nothing.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: CompatibilityPatcher <output-folder> [--dry-run]");
    return 2;
}

string folder = Path.GetFullPath(args[0]);
bool dryRun = args.Contains("--dry-run");
const string Prefix = "lrfinder-compat:";

// Step 1: libLibTorchSharp.so requires GLIBCXX_3.4.32 for one symbol no relocation uses.
string[] weakenable = ["GLIBCXX_3.4.32"];
string? libStdCxx = OperatingSystem.IsLinux() ? SystemLibraries.FindLibStdCxx() : null;
foreach (string native in Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "libLibTorchSharp.so", SearchOption.AllDirectories) : [])
{
    if (libStdCxx is null)
    {
        Console.WriteLine($"{Prefix} {native}: no system libstdc++ found; left as is.");
        continue;
    }

    string[] missing = weakenable.Where(v => !SystemLibraries.DefinesVersion(libStdCxx, v)).ToArray();
    if (missing.Length == 0)
    {
        continue; // The system library is new enough: nothing to do.
    }

    byte[] elf = File.ReadAllBytes(native);
    var changed = dryRun ? ElfVersionNeedPatcher.FindStrongRequirements(elf, missing) : ElfVersionNeedPatcher.MakeWeak(elf, missing);
    if (changed.Count > 0 && !dryRun)
    {
        // Write a new file and move it over the copy: the NuGet cache's file (should the copy be a link to it) is never touched.
        string temporary = native + ".patching";
        File.WriteAllBytes(temporary, elf);
        File.Move(temporary, native, overwrite: true);
    }

    foreach (string version in changed)
    {
        Console.WriteLine($"{Prefix} {native}: requirement {version} marked weak ({libStdCxx} lacks it){(dryRun ? " [dry run]" : string.Empty)}");
    }
}

// Step 2: Microsoft.ML.TorchSharp compiled against an older TorchSharp than the one resolved into this folder.
string mlTorchSharp = Path.Combine(folder, "Microsoft.ML.TorchSharp.dll");
string torchSharp = Path.Combine(folder, "TorchSharp.dll");
if (File.Exists(mlTorchSharp) && File.Exists(torchSharp))
{
    var builtAgainst = TorchSharpBindingPatcher.ReferencedTorchSharpVersion(mlTorchSharp);
    var resolved = TorchSharpBindingPatcher.AssemblyVersion(torchSharp);
    if (builtAgainst is not null && builtAgainst != resolved)
    {
        foreach (string change in TorchSharpBindingPatcher.Patch(mlTorchSharp, folder, dryRun))
        {
            Console.WriteLine($"{Prefix} Microsoft.ML.TorchSharp (built against TorchSharp {builtAgainst}, running on {resolved}): {change}{(dryRun ? " [dry run]" : string.Empty)}");
        }
    }
}

// Step 3: TorchSharp can free a temporary Scalar while libtorch reads it; keep Scalar arguments alive until each call returns.
if (File.Exists(torchSharp))
{
    int methods = ScalarKeepAlivePatcher.Patch(torchSharp, dryRun);
    if (methods > 0)
    {
        Console.WriteLine($"{Prefix} {torchSharp}: {methods} methods keep their Scalar arguments alive until they return{(dryRun ? " [dry run]" : string.Empty)}");
    }
}

return 0;
