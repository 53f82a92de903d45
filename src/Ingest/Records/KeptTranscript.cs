using System.Text.Encodings.Web;
using System.Text.Json;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Records;

/// <summary>
/// The transcript as the ledger keeps it between recognition and storage: exact (times as .NET time spans, not the
/// rounded seconds of <see cref="DocumentJson"/>), so a recording resumed after a restart is extracted to the same
/// document it would have had.
/// </summary>
internal static class KeptTranscript
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(Transcript transcript) => JsonSerializer.Serialize(transcript, Options);

    public static Transcript Deserialize(string json) =>
        JsonSerializer.Deserialize<Transcript>(json, Options) ?? throw new FormatException("the kept transcript is empty");
}
