using FunAsr.Ingest.Tests.Support;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Tests.Records;

public sealed class SidecarFileTests
{
    [Fact]
    public void A_sidecar_past_64_KiB_is_refused_before_it_is_read_naming_the_file()
    {
        var path = Path.Combine(SpeechFixtures.TempDirectory(), "call.wav.json");
        File.WriteAllText(path, $"{{\"call_id\": \"C-1\", \"agent\": \"{new string('a', 70_000)}\"}}");

        var error = Assert.Throws<FormatException>(() => SidecarFile.Read(path));

        Assert.Equal($"{path}: invalid call metadata: it is {new FileInfo(path).Length} bytes; the limit is 65536 (64 KiB)", error.Message);
    }

    [Fact]
    public void Metadata_past_64_KiB_is_refused_when_parsed()
    {
        var json = $"{{\"agent\": \"{new string('坐', 30_000)}\"}}";

        var error = Assert.Throws<FormatException>(() => SidecarFile.Parse(json, "metadata of call.wav"));

        Assert.Equal($"metadata of call.wav: invalid call metadata: it is {System.Text.Encoding.UTF8.GetByteCount(json)} bytes; the limit is 65536 (64 KiB)", error.Message);
    }

    [Fact]
    public void A_malformed_sidecar_hotword_names_its_entry()
    {
        var ex = Assert.Throws<FormatException>(() => SidecarFile.Parse("""{"hotwords": ["退款流程", "会员权益 :x"]}""", "call.wav.json"));
        Assert.Contains("call.wav.json hotwords:2: ':x' is not a score", ex.Message);
    }
}
