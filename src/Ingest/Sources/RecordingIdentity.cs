using System.Security.Cryptography;
using System.Text;

namespace FunAsr.Ingest.Sources;

/// <summary>
/// A recording's id: the call id from its metadata when present, else the first 128 bits of the SHA-256 of the
/// file content (hex), so the same audio dropped twice, under any name, is one recording.
/// </summary>
internal static class RecordingIdentity
{
    public static string Of(string path, string? callId)
    {
        if (!string.IsNullOrWhiteSpace(callId)) return callId.Trim();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        // Every empty file would share one content hash; they are told apart by path and quarantined on their own.
        if (stream.Length == 0) return "empty-" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(path))));
        return Hex(SHA256.HashData(stream));
    }

    /// <summary>True for an id made from the content (32 hex digits), false for a call id.</summary>
    public static bool IsContentHash(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash, 0, 16);
}
