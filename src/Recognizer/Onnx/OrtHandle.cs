using System.Runtime.InteropServices;

namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// Owns one ORT object (env, session, session options, value, memory info, run options, CUDA options, metadata,
/// type info) and calls its <c>Release*</c> function exactly once, from <c>Dispose</c> or the finalizer.
/// <see cref="LiveCount"/> counts handles not yet released, process-wide, so tests can prove nothing leaks.
/// </summary>
internal sealed unsafe class OrtHandle : SafeHandle
{
    private static long s_liveCount;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, void> _release;

    public OrtHandle(IntPtr handle, delegate* unmanaged[Cdecl]<IntPtr, void> release, string kind)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        _release = release;
        Kind = kind;
        SetHandle(handle);
        Interlocked.Increment(ref s_liveCount);
    }

    /// <summary>Number of ORT objects created through this binding and not yet released.</summary>
    public static long LiveCount => Interlocked.Read(ref s_liveCount);

    /// <summary>The ORT type, e.g. <c>OrtSession</c>, for diagnostics.</summary>
    public string Kind { get; }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        _release(handle);
        Interlocked.Decrement(ref s_liveCount);
        return true;
    }
}
