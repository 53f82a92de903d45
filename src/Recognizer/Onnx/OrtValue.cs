using System.Buffers;

namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// An <c>OrtValue</c> tensor: either an input created over pinned managed memory (no copy; the memory stays pinned
/// until <see cref="Dispose"/>) or an output that ORT allocated. Shapes are row-major.
/// </summary>
internal sealed unsafe class OrtValue : IDisposable
{
    private readonly OrtRuntime _runtime;
    private readonly OrtHandle _handle;
    private MemoryHandle _pin;

    private OrtValue(OrtRuntime runtime, IntPtr value, MemoryHandle pin)
    {
        _runtime = runtime;
        _handle = new OrtHandle(value, runtime.Api.ReleaseValue, "OrtValue");
        _pin = pin;
    }

    internal IntPtr Handle => _handle.DangerousGetHandle();

    /// <summary>A tensor of <paramref name="shape"/> over <paramref name="data"/> (float, int or long), without a copy.</summary>
    public static OrtValue CreateTensor<T>(OrtRuntime runtime, Memory<T> data, ReadOnlySpan<long> shape)
        where T : unmanaged
    {
        var elementType = ElementTypeOf<T>();
        long count = 1;
        foreach (var d in shape)
        {
            count *= d;
        }

        if (count != data.Length)
        {
            throw new ArgumentException($"A tensor of shape [{string.Join(",", shape.ToArray())}] needs {count} elements; got {data.Length}.", nameof(data));
        }

        var pin = data.Pin();
        try
        {
            IntPtr value;
            fixed (long* dims = shape)
            {
                runtime.Api.Check(
                    runtime.Api.CreateTensorWithDataAsOrtValue(
                        runtime.CpuMemoryInfo, pin.Pointer, (nuint)(data.Length * sizeof(T)), dims, (nuint)shape.Length, (int)elementType, &value),
                    $"Creating a {elementType} tensor of shape [{string.Join(",", shape.ToArray())}]");
            }

            return new OrtValue(runtime, value, pin);
        }
        catch
        {
            pin.Dispose();
            throw;
        }
    }

    /// <summary>Takes ownership of a value that ORT allocated (a Run output).</summary>
    internal static OrtValue FromOrt(OrtRuntime runtime, IntPtr value) => new(runtime, value, default);

    /// <summary>Element type and shape of the tensor.</summary>
    public (OrtElementType ElementType, long[] Shape) TypeAndShape()
    {
        var api = _runtime.Api;
        IntPtr info;
        api.Check(api.GetTensorTypeAndShape(Handle, &info), "Reading a tensor's type and shape");
        using var owned = new OrtHandle(info, api.ReleaseTensorTypeAndShapeInfo, "OrtTensorTypeAndShapeInfo");
        return ReadTypeAndShape(api, info);
    }

    /// <summary>The tensor's elements, valid until this value is disposed.</summary>
    public ReadOnlySpan<T> Data<T>()
        where T : unmanaged
    {
        var (elementType, shape) = TypeAndShape();
        if (elementType != ElementTypeOf<T>())
        {
            throw new InvalidOperationException($"The tensor holds {elementType}, not {typeof(T).Name}.");
        }

        void* data;
        _runtime.Api.Check(_runtime.Api.GetTensorMutableData(Handle, &data), "Reading tensor data");
        var count = shape.Aggregate(1L, (a, d) => a * d);
        return new ReadOnlySpan<T>(data, checked((int)count));
    }

    internal static (OrtElementType ElementType, long[] Shape) ReadTypeAndShape(OrtApi api, IntPtr tensorInfo)
    {
        int elementType;
        nuint rank;
        api.Check(api.GetTensorElementType(tensorInfo, &elementType), "Reading a tensor's element type");
        api.Check(api.GetDimensionsCount(tensorInfo, &rank), "Reading a tensor's rank");
        var shape = new long[(int)rank];
        fixed (long* dims = shape)
        {
            api.Check(api.GetDimensions(tensorInfo, dims, rank), "Reading a tensor's dimensions");
        }

        return ((OrtElementType)elementType, shape);
    }

    private static OrtElementType ElementTypeOf<T>() =>
        typeof(T) == typeof(float) ? OrtElementType.Float
        : typeof(T) == typeof(int) ? OrtElementType.Int32
        : typeof(T) == typeof(long) ? OrtElementType.Int64
        : throw new NotSupportedException($"Tensors of {typeof(T).Name} are not supported; use float, int or long.");

    public void Dispose()
    {
        _handle.Dispose();
        _pin.Dispose();
        _pin = default;
    }
}
