using System.Text.Json;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Records;

/// <summary>
/// Optional metadata beside a recording: <c>call1.wav.json</c>, the recording's whole name plus <c>.json</c>, with keys
/// <c>call_id</c>, <c>agent</c>, <c>customer_number</c>, <c>direction</c>, <c>queue</c>, <c>started_at</c>,
/// <c>channel_roles</c> and <c>hotwords</c> (lines of the hotword file format). Other keys are ignored. Never
/// <c>call1.json</c>: that is the name of <c>transcribe</c>'s own output (<c>--out DIR</c>, or <c>&gt; call1.json</c>),
/// which must not be read back as metadata.
/// </summary>
internal static class SidecarFile
{
    /// <summary>Largest metadata accepted, in UTF-8 bytes: real call metadata is well under 1 KiB.</summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The sidecar path for a recording, or null when there is none.</summary>
    public static string? Find(string recordingPath)
    {
        var sidecar = recordingPath + ".json";
        return File.Exists(sidecar) ? sidecar : null;
    }

    /// <summary>Reads a sidecar file; one larger than <see cref="MaxBytes"/> is refused before it is read.</summary>
    /// <exception cref="FormatException">The file is too large.</exception>
    public static string Read(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > MaxBytes)
            throw new FormatException(TooLarge(path, length));
        return File.ReadAllText(path);
    }

    /// <summary>The message for metadata of <paramref name="bytes"/> bytes, over <see cref="MaxBytes"/>.</summary>
    public static string TooLarge(string origin, long bytes) =>
        $"{origin}: invalid call metadata: it is {bytes} bytes; the limit is {MaxBytes} (64 KiB)";

    /// <summary>Parses metadata JSON; throws <see cref="FormatException"/> naming <paramref name="origin"/>, line and column
    /// (or, for a malformed hotword, the entry of <c>hotwords</c>, or the size past <see cref="MaxBytes"/>).</summary>
    public static RecordingMetadata Parse(string json, string origin)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(json) is var bytes && bytes > MaxBytes)
            throw new FormatException(TooLarge(origin, bytes));
        RecordingMetadata metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<RecordingMetadata>(json, Options) ?? RecordingMetadata.None;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{origin}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: invalid call metadata: {ex.Message}", ex);
        }
        HotwordsOf(metadata, origin);
        return metadata;
    }

    /// <summary>The recording's own hotwords (<c>hotwords</c>), each named <c>origin hotwords[i]</c>; empty without.</summary>
    /// <exception cref="FormatException">An entry is malformed (all listed).</exception>
    public static IReadOnlyList<Hotword> HotwordsOf(RecordingMetadata metadata, string origin)
    {
        try
        {
            return metadata.Hotwords is { } lines ? HotwordOptions.Parse(lines, $"{origin} hotwords") : [];
        }
        catch (HotwordFileException ex)
        {
            throw new FormatException($"invalid call metadata: {string.Join("; ", ex.Problems)}", ex);
        }
    }
}
