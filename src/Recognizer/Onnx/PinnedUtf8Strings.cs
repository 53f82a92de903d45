using System.Runtime.InteropServices;

namespace FunAsr.Recognizer.Onnx;

/// <summary>Pins a set of NUL-terminated UTF-8 strings for the duration of one native call that takes
/// <c>const char* const*</c>.</summary>
internal sealed unsafe class PinnedUtf8Strings : IDisposable
{
    private readonly GCHandle[] _pins;

    public PinnedUtf8Strings(IEnumerable<byte[]> strings)
    {
        _pins = strings.Select(s => GCHandle.Alloc(s, GCHandleType.Pinned)).ToArray();
    }

    public int Count => _pins.Length;

    public byte* this[int index] => (byte*)_pins[index].AddrOfPinnedObject();

    /// <summary>Writes the pinned addresses into <paramref name="destination"/> (length <see cref="Count"/>).</summary>
    public void CopyPointersTo(IntPtr* destination)
    {
        for (var i = 0; i < _pins.Length; i++)
        {
            destination[i] = _pins[i].AddrOfPinnedObject();
        }
    }

    public void Dispose()
    {
        foreach (var pin in _pins)
        {
            pin.Free();
        }
    }
}
