
namespace FunAsr.Ingest.Sources.Upload;

/// <summary>
/// <c>type: upload</c>: <c>POST /v1/recordings</c> on the HTTP API. Files are written atomically into
/// <see cref="Directory"/> under names the server chooses; needs <c>api.enabled: true</c>.
/// </summary>
internal sealed class UploadSourceOptions : SourceOptions
{
    public UploadSourceOptions() => Type = "upload";

    public string Directory { get; set; } = "inbox/uploads";

    /// <summary>Largest accepted upload in bytes (default 200 MiB).</summary>
    public long MaxBytes { get; set; } = 200L * 1024 * 1024;

    public override string InboxDirectory => Path.TrimEndingDirectorySeparator(Path.GetFullPath(Directory));

    public override IEnumerable<string> Validate(string key)
    {
        if (string.IsNullOrWhiteSpace(Directory)) yield return $"{key}.directory: required";
        if (MaxBytes < 1) yield return $"{key}.max_bytes: must be at least 1 (got {MaxBytes})";
        foreach (var problem in ValidateHotwords(key)) yield return problem;
    }
}
