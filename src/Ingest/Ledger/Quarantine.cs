using System.Globalization;
using System.Text;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Ledger;

/// <summary>
/// The quarantine folder (<c>data/quarantine/</c>): a copy of each recording that kept failing, its sidecar, and a
/// <c>.error.txt</c> saying why. The inbox is never modified; the ledger row (state failed) keeps the file from
/// being taken again.
/// </summary>
internal sealed class Quarantine(string directory, ILogger<Quarantine> logger)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Copies <paramref name="path"/> in and writes the reason; returns the copy's path.</summary>
    public string Put(string path, string recordingId, string reason, int attempts = 1)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var safeId = new string([.. recordingId.Take(32).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        var target = Path.Combine(Directory, $"{safeId}-{Path.GetFileName(path)}");
        if (File.Exists(path)) File.Copy(path, target, overwrite: true);
        if (SidecarFile.Find(path) is { } sidecar) File.Copy(sidecar, target + ".json", overwrite: true);
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"recording: {recordingId}")
            .AppendLine(CultureInfo.InvariantCulture, $"source: {path}")
            .AppendLine(CultureInfo.InvariantCulture, $"attempts: {attempts}")
            .AppendLine(CultureInfo.InvariantCulture, $"quarantined_at: {DateTimeOffset.UtcNow:O}")
            .AppendLine(CultureInfo.InvariantCulture, $"reason: {reason}");
        File.WriteAllText(target + ".error.txt", report.ToString());
        logger.LogWarning("Quarantined recording {RecordingId} from {Path} after {Attempts} attempt(s): {Reason}.", recordingId, path, attempts, reason);
        return target;
    }
}
