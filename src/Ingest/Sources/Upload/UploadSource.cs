using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FunAsr.Recognizer;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Sources.Upload;

/// <summary>
/// Receives recordings over <c>POST /v1/recordings</c>. The client's file name is only checked (no path parts,
/// an audio extension) and never used: the file is written to a hidden <c>.part</c> file in the upload folder,
/// hashed on the way, and renamed to a server-chosen name, so nothing outside the folder can be written.
/// </summary>
internal sealed class UploadSource(UploadSourceOptions options) : ISource
{
    public string Id => "upload";

    public string Directory { get; } = Path.GetFullPath(options.Directory);

    public long MaxBytes => options.MaxBytes;

    /// <summary>Longest <c>hotwords</c> form field accepted, in characters.</summary>
    public const int MaxHotwordsChars = 16 * 1024;

    public async Task RunAsync(RecordingIntake intake, bool once, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (!once) await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>
    /// Stores one upload and queues it; returns the recording id. <paramref name="hotwords"/> (the form's
    /// <c>hotwords</c> field, one phrase per line as in a hotword file) are added to the metadata's <c>hotwords</c>, so
    /// the stored sidecar and the ledger keep them.
    /// </summary>
    public async Task<string> AcceptAsync(
        string clientFileName, long length, Stream content, string? metadataJson, string? hotwords, RecordingIntake intake, CancellationToken ct)
    {
        var extension = CheckFileName(clientFileName);
        if (length > options.MaxBytes)
            throw new UploadRejectedException(StatusCodes.Status413PayloadTooLarge, $"upload is {length} bytes; the limit (sources upload max_bytes) is {options.MaxBytes}");
        if (metadataJson is not null && System.Text.Encoding.UTF8.GetByteCount(metadataJson) is var metadataBytes && metadataBytes > SidecarFile.MaxBytes)
            throw new UploadRejectedException(StatusCodes.Status413PayloadTooLarge, SidecarFile.TooLarge("metadata part", metadataBytes));
        var metadata = metadataJson is null ? null : ParseMetadata(metadataJson);
        if (hotwords is not null && CheckHotwords(hotwords) is { Count: > 0 } phrases)
        {
            metadataJson = WithHotwords(metadataJson, phrases);
            metadata = ParseMetadata(metadataJson);
        }

        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss}-{Guid.NewGuid():N}"[..28] + extension;
        var final = Path.Combine(Directory, name);
        var partial = Path.Combine(Directory, "." + name + ".part");
        string hash;
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            using (var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[1 << 16];
                long total = 0;
                for (int read; (read = await content.ReadAsync(buffer, ct)) > 0;)
                {
                    total += read;
                    if (total > options.MaxBytes)
                        throw new UploadRejectedException(StatusCodes.Status413PayloadTooLarge, $"upload exceeds the limit (sources upload max_bytes) of {options.MaxBytes} bytes");
                    hasher.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                if (total == 0) throw new UploadRejectedException(StatusCodes.Status400BadRequest, "the uploaded file is empty");
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
                hash = RecordingIdentity.Hex(hasher.GetHashAndReset());
            }
            if (metadataJson is not null) await File.WriteAllTextAsync(final + ".json", metadataJson, ct);
            File.Move(partial, final);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
        var info = new FileInfo(final);
        var id = metadata?.CallId is { Length: > 0 } callId ? callId.Trim() : hash;
        return intake.Accept(final, info.Length, info.LastWriteTimeUtc.Ticks, id, metadataJson);
    }

    /// <summary>Refuses names with any path part or an extension that is not audio; returns the lowercase extension.</summary>
    private static string CheckFileName(string clientFileName)
    {
        var name = clientFileName.Trim('"', ' ');
        if (name.Length == 0 || name.Contains('/') || name.Contains('\\') || name.Contains("..", StringComparison.Ordinal) ||
            name.Contains(':') || name.Any(char.IsControl) || Path.IsPathRooted(name))
            throw new UploadRejectedException(StatusCodes.Status400BadRequest,
                $"file name '{clientFileName}' is refused: it must be a plain name without path parts (the server chooses where it is stored)");
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!AudioFileTypes.Default.Contains(extension))
            throw new UploadRejectedException(StatusCodes.Status415UnsupportedMediaType,
                $"file name '{clientFileName}': extension '{extension}' is not an audio type ({string.Join(", ", AudioFileTypes.Default)})");
        return extension;
    }

    /// <summary>The field's phrase lines (blank and <c>#</c> lines dropped); a malformed line is refused naming it.</summary>
    private static List<string> CheckHotwords(string hotwords)
    {
        if (hotwords.Length > MaxHotwordsChars)
            throw new UploadRejectedException(StatusCodes.Status413PayloadTooLarge,
                $"the hotwords field has {hotwords.Length} characters; the limit is {MaxHotwordsChars}");
        var lines = hotwords.ReplaceLineEndings("\n").Split('\n');
        try
        {
            HotwordOptions.Parse(lines, "hotwords field");
        }
        catch (HotwordFileException ex)
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, string.Join("; ", ex.Problems));
        }
        return [.. lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];
    }

    /// <summary>The metadata JSON with the field's phrases appended to its <c>hotwords</c> (created when absent).</summary>
    private static string WithHotwords(string? metadataJson, List<string> phrases)
    {
        var metadata = metadataJson is null ? new JsonObject() : JsonNode.Parse(metadataJson) as JsonObject
            ?? throw new UploadRejectedException(StatusCodes.Status400BadRequest, "the metadata part must be a JSON object");
        if (metadata["hotwords"] is not JsonArray list)
        {
            list = [];
            metadata["hotwords"] = list;
        }
        foreach (var phrase in phrases) list.Add(phrase);
        return metadata.ToJsonString();
    }

    private static RecordingMetadata ParseMetadata(string json)
    {
        try
        {
            return SidecarFile.Parse(json, "metadata part");
        }
        catch (FormatException ex)
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, ex.Message);
        }
    }
}
