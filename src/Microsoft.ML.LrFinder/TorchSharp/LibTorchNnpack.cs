using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Microsoft.ML.LrFinder;

/// <summary>
/// libtorch's NNPACK switch (<c>at::globalContext().setUserEnabledNNPACK</c>, which TorchSharp 0.107 does not expose). On a CPU
/// NNPACK does not support, libtorch writes <c>Could not initialize NNPACK! Reason: Unsupported hardware.</c> to standard error on
/// every convolution before falling back to its own kernels; with NNPACK off it goes straight to them and writes nothing.
/// </summary>
/// <remarks>
/// <para>
/// The LR finder turns NNPACK off for its own sweeps and fits (<c>WithLrFinder()</c>, <c>mlContext.LrFinder().Find</c>, <see cref="TorchSharpLrFinder"/>)
/// and puts the switch back afterwards. An application that trains convolutions itself (ObjectDetection's <c>Fit</c>, say) turns
/// it off once at start-up: <c>LibTorchNnpack.Disable();</c>. On a CPU NNPACK does support, turning it off only makes
/// libtorch pick another convolution kernel.
/// </para>
/// <para>
/// The switch is libtorch's, one per process; the LR finder counts its own overlapping sweeps so that the last one to end
/// restores the value the first one found.
/// </para>
/// </remarks>
public static class LibTorchNnpack
{
    private static readonly Lazy<Switch?> NativeSwitch = new(Switch.Find);
    private static readonly object Gate = new();
    private static int holders;
    private static bool restoreTo;

    /// <summary>Whether libtorch may use NNPACK now; null when the switch cannot be found in the loaded libtorch.</summary>
    public static bool? IsEnabled => NativeSwitch.Value?.Get();

    /// <summary>Turns NNPACK off until the returned object is disposed (or for good, if it never is).</summary>
    /// <returns>Disposing it puts the switch back as it was, once every overlapping <see cref="Disable"/> has been disposed.</returns>
    /// <remarks>Does nothing when the loaded libtorch has no such switch (its symbols are looked up once, by name).</remarks>
    public static IDisposable Disable()
    {
        var nativeSwitch = NativeSwitch.Value;
        if (nativeSwitch is null)
        {
            return new Restorer(null);
        }

        lock (Gate)
        {
            if (holders++ == 0)
            {
                restoreTo = nativeSwitch.Get();
                nativeSwitch.Set(false);
            }
        }

        return new Restorer(nativeSwitch);
    }

    private sealed class Restorer(Switch? nativeSwitch) : IDisposable
    {
        private Switch? nativeSwitch = nativeSwitch;

        public void Dispose()
        {
            if (nativeSwitch is null)
            {
                return;
            }

            lock (Gate)
            {
                if (--holders == 0)
                {
                    nativeSwitch.Set(restoreTo);
                }
            }

            nativeSwitch = null;
        }
    }

    /// <summary>The three libtorch functions, found in the libtorch_cpu that TorchSharp loaded.</summary>
    private sealed class Switch
    {
        private readonly IntPtr context;
        private readonly GetFlag get;
        private readonly SetFlag set;

        private Switch(IntPtr context, GetFlag get, SetFlag set)
        {
            this.context = context;
            this.get = get;
            this.set = set;
        }

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate IntPtr GlobalContext();

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        [return: MarshalAs(UnmanagedType.U1)]
        private delegate bool GetFlag(IntPtr context);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        private delegate void SetFlag(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

        public bool Get() => get(context);

        public void Set(bool enabled) => set(context, enabled);

        public static Switch? Find()
        {
            try
            {
                // Loads TorchSharp's native backend (and with it libtorch_cpu) if nothing has yet; a second load of the same
                // file returns the handle already loaded, so the flags are the ones TorchSharp's calls read.
                InitializeDeviceType(global::TorchSharp.DeviceType.CPU);
                string library = OperatingSystem.IsWindows() ? "torch_cpu.dll" : OperatingSystem.IsMacOS() ? "libtorch_cpu.dylib" : "libtorch_cpu.so";
                if (!NativeLibrary.TryLoad(library, typeof(global::TorchSharp.torch).Assembly, searchPath: null, out IntPtr handle))
                {
                    return null;
                }

                // Itanium C++ names (Linux, macOS), then MSVC's (Windows).
                var globalContext = Export<GlobalContext>(handle, "_ZN2at13globalContextEv", "?globalContext@at@@YAAEAVContext@1@XZ");
                var get = Export<GetFlag>(handle, "_ZNK2at7Context17userEnabledNNPACKEv", "?userEnabledNNPACK@Context@at@@QEBA_NXZ");
                var set = Export<SetFlag>(handle, "_ZN2at7Context20setUserEnabledNNPACKEb", "?setUserEnabledNNPACK@Context@at@@QEAAX_N@Z");
                return globalContext is null || get is null || set is null ? null : new Switch(globalContext(), get, set);
            }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException or BadImageFormatException)
            {
                return null;
            }
        }

        private static T? Export<T>(IntPtr handle, params string[] names)
            where T : Delegate
        {
            foreach (string name in names)
            {
                if (NativeLibrary.TryGetExport(handle, name, out IntPtr address))
                {
                    return Marshal.GetDelegateForFunctionPointer<T>(address);
                }
            }

            return null;
        }
    }
}
