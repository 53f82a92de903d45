using System.Runtime.InteropServices;

namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// The part of ORT's <c>OrtApi</c> function table we call, read once from the table returned by
/// <c>OrtGetApiBase()->GetApi(version)</c>. Slot indices are from <c>onnxruntime_c_api.h</c> (1.29.0), see
/// ../shared/spec/ortapi-slots.txt; the table is append-only, so the indices hold for every API version at or above
/// <see cref="RequiredVersion"/>. Every <c>OrtStatus*</c>-returning call goes through <see cref="Check"/>.
/// </summary>
internal sealed unsafe class OrtApi
{
    /// <summary>API version 17 (ORT 1.17) has every slot used here; newer runtimes serve it unchanged.</summary>
    public const uint RequiredVersion = 17;

    public readonly delegate* unmanaged[Cdecl]<IntPtr, int> GetErrorCode;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> GetErrorMessage;
    public readonly delegate* unmanaged[Cdecl]<int, byte*, IntPtr*, IntPtr> CreateEnv;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void*, IntPtr, IntPtr*, IntPtr> CreateSession;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr> Run;
    public readonly delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> CreateSessionOptions;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetSessionLogSeverityLevel;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetSessionGraphOptimizationLevel;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetIntraOpNumThreads;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetInterOpNumThreads;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> SessionGetInputCount;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> SessionGetOutputCount;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr*, IntPtr> SessionGetInputTypeInfo;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr*, IntPtr> SessionGetOutputTypeInfo;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, IntPtr*, IntPtr> SessionGetInputName;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, IntPtr*, IntPtr> SessionGetOutputName;
    public readonly delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> CreateRunOptions;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> RunOptionsSetTerminate;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr> CreateTensorWithDataAsOrtValue;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void**, IntPtr> GetTensorMutableData;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr> CastTypeInfoToTensorInfo;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr> GetOnnxTypeFromTypeInfo;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr> GetTensorElementType;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> GetDimensionsCount;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, long*, nuint, IntPtr> GetDimensions;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr> GetTensorTypeAndShape;
    public readonly delegate* unmanaged[Cdecl]<int, int, IntPtr*, IntPtr> CreateCpuMemoryInfo;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void*, IntPtr> AllocatorFree;
    public readonly delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> GetAllocatorWithDefaultOptions;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseEnv;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseStatus;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseMemoryInfo;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseSession;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseValue;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseRunOptions;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseTypeInfo;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseTensorTypeAndShapeInfo;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseSessionOptions;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr> SessionGetModelMetadata;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte*, IntPtr*, IntPtr> ModelMetadataLookupCustomMetadataMap;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseModelMetadata;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr*, long*, IntPtr> ModelMetadataGetCustomMetadataMapKeys;
    public readonly delegate* unmanaged[Cdecl]<IntPtr*, int*, IntPtr> GetAvailableProviders;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> ReleaseAvailableProviders;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr> SessionOptionsAppendExecutionProvider_CUDA_V2;
    public readonly delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> CreateCUDAProviderOptions;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte**, byte**, nuint, IntPtr> UpdateCUDAProviderOptions;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseCUDAProviderOptions;

    public OrtApi(IntPtr table)
    {
        var t = (IntPtr*)table;
        GetErrorCode = (delegate* unmanaged[Cdecl]<IntPtr, int>)t[1];
        GetErrorMessage = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)t[2];
        CreateEnv = (delegate* unmanaged[Cdecl]<int, byte*, IntPtr*, IntPtr>)t[3];
        CreateSession = (delegate* unmanaged[Cdecl]<IntPtr, void*, IntPtr, IntPtr*, IntPtr>)t[7];
        Run = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr>)t[9];
        CreateSessionOptions = (delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)t[10];
        SetSessionLogSeverityLevel = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)t[22];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)t[23];
        SetIntraOpNumThreads = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)t[24];
        SetInterOpNumThreads = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)t[25];
        SessionGetInputCount = (delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)t[30];
        SessionGetOutputCount = (delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)t[31];
        SessionGetInputTypeInfo = (delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr*, IntPtr>)t[33];
        SessionGetOutputTypeInfo = (delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr*, IntPtr>)t[34];
        SessionGetInputName = (delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, IntPtr*, IntPtr>)t[36];
        SessionGetOutputName = (delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, IntPtr*, IntPtr>)t[37];
        CreateRunOptions = (delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)t[39];
        RunOptionsSetTerminate = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)t[46];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)t[49];
        GetTensorMutableData = (delegate* unmanaged[Cdecl]<IntPtr, void**, IntPtr>)t[51];
        CastTypeInfoToTensorInfo = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr>)t[55];
        GetOnnxTypeFromTypeInfo = (delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr>)t[56];
        GetTensorElementType = (delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr>)t[60];
        GetDimensionsCount = (delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)t[61];
        GetDimensions = (delegate* unmanaged[Cdecl]<IntPtr, long*, nuint, IntPtr>)t[62];
        GetTensorTypeAndShape = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr>)t[65];
        CreateCpuMemoryInfo = (delegate* unmanaged[Cdecl]<int, int, IntPtr*, IntPtr>)t[69];
        AllocatorFree = (delegate* unmanaged[Cdecl]<IntPtr, void*, IntPtr>)t[76];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)t[78];
        ReleaseEnv = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[92];
        ReleaseStatus = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[93];
        ReleaseMemoryInfo = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[94];
        ReleaseSession = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[95];
        ReleaseValue = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[96];
        ReleaseRunOptions = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[97];
        ReleaseTypeInfo = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[98];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[99];
        ReleaseSessionOptions = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[100];
        SessionGetModelMetadata = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr>)t[111];
        ModelMetadataLookupCustomMetadataMap = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte*, IntPtr*, IntPtr>)t[116];
        ReleaseModelMetadata = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[118];
        ModelMetadataGetCustomMetadataMapKeys = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr*, long*, IntPtr>)t[123];
        GetAvailableProviders = (delegate* unmanaged[Cdecl]<IntPtr*, int*, IntPtr>)t[125];
        ReleaseAvailableProviders = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)t[126];
        SessionOptionsAppendExecutionProvider_CUDA_V2 = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr>)t[204];
        CreateCUDAProviderOptions = (delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)t[205];
        UpdateCUDAProviderOptions = (delegate* unmanaged[Cdecl]<IntPtr, byte**, byte**, nuint, IntPtr>)t[206];
        ReleaseCUDAProviderOptions = (delegate* unmanaged[Cdecl]<IntPtr, void>)t[208];
    }

    /// <summary>Throws <see cref="OnnxRuntimeException"/> with ORT's message when <paramref name="status"/> is not NULL,
    /// after releasing the status.</summary>
    public void Check(IntPtr status, string doing)
    {
        if (status == IntPtr.Zero)
        {
            return;
        }

        var code = GetErrorCode(status);
        var message = (Marshal.PtrToStringUTF8(GetErrorMessage(status)) ?? "(no message)").TrimEnd();
        ReleaseStatus(status);
        throw new OnnxRuntimeException($"{doing}: {message}", code);
    }
}
