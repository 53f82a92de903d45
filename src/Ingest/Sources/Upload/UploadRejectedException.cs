namespace FunAsr.Ingest.Sources.Upload;

/// <summary>An upload refused before anything was queued; <see cref="StatusCode"/> is the HTTP status to answer with.</summary>
internal sealed class UploadRejectedException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
