using System.Buffers.Binary;
using System.Text.Json;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Store;
using FunAsr.Ingest.Tests.Support;

namespace FunAsr.Ingest.Tests.Host;

/// <summary>The real executable as an operator runs it: two hosts on one folder, a recorder that stalls mid-write, failures left by an earlier run.</summary>
public sealed class HostReliabilityTests
{
    [Fact]
    public async Task A_second_host_on_the_same_data_folder_exits_2_naming_the_first()
    {
        var root = SpeechFixtures.TempDirectory();
        var config = WriteConfig(root, stableSeconds: 1);
        using var first = HostProcess.Start(root, null, "run", "--config", config);
        await WaitUntilAsync(() => File.Exists(Path.Combine(root, "data", "host.owner")), first, "the first host to take the data folder");

        using var second = HostProcess.Start(root, null, "run", "--config", config);
        var exit = await second.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exit == 2, second.Output);
        Assert.Contains($"is in use by pid {first.Pid}", second.Output);
        Assert.False(first.HasExited, first.Output);
    }

    [Fact]
    public async Task A_recording_whose_writer_stalls_is_stored_whole_once_and_a_later_change_replaces_it()
    {
        var root = SpeechFixtures.TempDirectory();
        var inbox = Path.Combine(root, "inbox");
        var (format, pcm) = SpeechPcm(root, "您好，我的电话是一三八一二三四五六七八，我要退款，请帮我查一下订单，谢谢");
        var path = Path.Combine(inbox, "stalled.wav");
        Directory.CreateDirectory(inbox);
        using var host = HostProcess.Start(root, null, "run", "--config", WriteConfig(root, stableSeconds: 0.5));
        var ledgerPath = Path.Combine(root, "data", "ledger.db");
        await WaitUntilAsync(() => File.Exists(ledgerPath), host, "the host to start");

        // A recorder writes a placeholder header and half the call, then pauses for far longer than stable_seconds.
        var half = pcm.Length / 2 / 4 * 4;
        using (var writer = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite))
        {
            writer.Write(Header(format, dataBytes: uint.MaxValue));
            writer.Write(pcm.AsSpan(0, half));
        }
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(0, new RecordingLedger(ledgerPath).Counts().ByState.Values.Sum());
        using (var writer = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            writer.Seek(0, SeekOrigin.End);
            writer.Write(pcm.AsSpan(half));
            writer.Seek(0, SeekOrigin.Begin);
            writer.Write(Header(format, (uint)pcm.Length));
        }

        var store = new EmbeddedStore(Path.Combine(root, "data", "funasr.db"));
        var fullSeconds = pcm.Length / (double)(format.Rate * format.BlockAlign);
        var first = await StoredDocumentAsync(ledgerPath, store, host, revision: 0);
        Assert.Equal(fullSeconds, first.Duration, 2);

        // The recorder reopens the file and writes a longer call: same recording, newer document, still one row.
        var longer = pcm.Concat(pcm).ToArray();
        File.WriteAllBytes(path, [.. Header(format, (uint)longer.Length), .. longer]);
        var second = await StoredDocumentAsync(ledgerPath, store, host, revision: 1);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2 * fullSeconds, second.Duration, 2);
        Assert.Equal(1, store.CountRecordings());
    }

    [Fact]
    public async Task Ingest_once_exits_1_and_lists_recordings_of_its_inputs_that_failed_in_an_earlier_run()
    {
        var root = SpeechFixtures.TempDirectory();
        var inbox = Path.Combine(root, "inbox");
        SpeechFixtures.Write(inbox, 1);
        File.WriteAllBytes(Path.Combine(inbox, "broken.wav"), [.. "RIFF"u8, 0, 0, 0, 0, .. "JUNKJUNK"u8]);
        var config = WriteConfig(root, stableSeconds: 0);

        using (var first = HostProcess.Start(root, null, "ingest", inbox, "--once", "--config", config))
            Assert.True(await first.WaitForExitAsync(TimeSpan.FromMinutes(3)) == 1, first.Output);
        using var again = HostProcess.Start(root, null, "ingest", inbox, "--once", "--config", config);
        var exit = await again.WaitForExitAsync(TimeSpan.FromMinutes(3));

        Assert.True(exit == 1, again.Output);
        Assert.Contains("failed in an earlier run", again.Output);
        Assert.Contains("broken.wav", again.Output);
    }

    private static string WriteConfig(string root, double stableSeconds) => HostConfig.Write(root, $"""
        sources:
          - type: folder
            path: {root}/inbox
            stable_seconds: {stableSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}
            rescan_seconds: 0.5
        sinks:
          - type: sqlite
        """);

    private static async Task<(string Id, double Duration)> StoredDocumentAsync(string ledgerPath, EmbeddedStore store, HostProcess host, int revision)
    {
        LedgerEntry? stored = null;
        await WaitUntilAsync(() =>
        {
            var ledger = new RecordingLedger(ledgerPath);
            stored = ledger.List(LedgerState.Stored, 10).SingleOrDefault(e => e.Revision == revision);
            return stored is not null;
        }, host, $"revision {revision} to be stored");
        using var doc = JsonDocument.Parse(store.GetDocumentJson(stored!.Id)!);
        return (stored.Id, doc.RootElement.GetProperty("duration_seconds").GetDouble());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, HostProcess host, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!condition())
        {
            if (host.HasExited || DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"timed out waiting for {what}:\n{host.Output}");
            await Task.Delay(100);
        }
    }

    private sealed record PcmFormat(int Rate, short Channels, short Bits)
    {
        public int BlockAlign => Channels * Bits / 8;
    }

    /// <summary>An espeak-ng sentence as 16-bit PCM samples and their format.</summary>
    private static (PcmFormat Format, byte[] Pcm) SpeechPcm(string root, string sentence)
    {
        var wav = Path.Combine(root, "speech.tmp.wav");
        SpeechFixtures.Run("espeak-ng", "-v", "zh", "-w", wav, sentence);
        var bytes = File.ReadAllBytes(wav);
        var format = new PcmFormat(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24)), BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(22)),
            BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(34)));
        var data = bytes.AsSpan(12);
        while (!data[..4].SequenceEqual("data"u8)) data = data[(8 + BinaryPrimitives.ReadInt32LittleEndian(data[4..])) ..];
        return (format, data[8..].ToArray());
    }

    /// <summary>A 44-byte PCM header; <paramref name="dataBytes"/> 0xFFFFFFFF is the placeholder recorders write before they finish.</summary>
    private static byte[] Header(PcmFormat format, uint dataBytes)
    {
        var header = new byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), dataBytes == uint.MaxValue ? uint.MaxValue : dataBytes + 36);
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(22), format.Channels);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), format.Rate);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(28), format.Rate * format.BlockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(32), (short)format.BlockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(34), format.Bits);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), dataBytes);
        return header;
    }
}
