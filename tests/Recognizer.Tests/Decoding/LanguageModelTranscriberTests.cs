using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Models;
using FunAsr.Tests.Support;

namespace FunAsr.Recognizer.Tests.Decoding;

public sealed class LanguageModelTranscriberTests
{
    private static readonly string s_demoModel = RepoPaths.Of("models", "demo-callcentre");

    private static Transcriber Create(LanguageModelOptions? languageModel) =>
        Transcriber.Create(new TranscriberOptions
        {
            ModelDirectory = s_demoModel, Device = "cpu", IntraOpThreads = 1, LanguageModel = languageModel,
            Vad = new VadOptions { Method = "off" },
        });

    [Fact]
    public void The_model_directory_s_lm_arpa_is_used_by_default_and_null_turns_it_off()
    {
        using var fused = Transcriber.Create(new TranscriberOptions { ModelDirectory = s_demoModel, Device = "cpu", IntraOpThreads = 1 });
        using var plain = Create(null);

        Assert.Equal(Path.Combine(s_demoModel, LanguageModelOptions.BundledFileName), fused.LanguageModelPath);
        Assert.Null(plain.LanguageModelPath);
    }

    [Fact]
    public void A_configured_file_that_is_missing_stops_the_load_with_its_name()
    {
        var missing = Path.Combine(Path.GetTempPath(), "funasr-no-such-lm.arpa");

        var e = Assert.Throws<ModelLoadException>(() => Create(new LanguageModelOptions { File = missing }));

        Assert.Equal(missing, e.Path);
    }

    [Fact]
    public void Weights_that_are_not_numbers_are_rejected_before_loading()
    {
        Assert.Throws<ArgumentException>(() => Create(new LanguageModelOptions { Weight = float.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(new LanguageModelOptions { BeamSize = 0 }));
        var unknownLanguage = Assert.Throws<ArgumentException>(() => Create(new LanguageModelOptions { Languages = ["zh", "fr"] }));
        Assert.Contains("fr not known", unknownLanguage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bundled_voicemail_reads_the_same_phone_number_with_and_without_the_language_model()
    {
        var clip = AudioFile.Load(RepoPaths.Of("samples", "voicemail-zh.wav"));
        using var fused = Create(LanguageModelOptions.Default);
        using var plain = Create(null);

        var withLm = await fused.TranscribeAsync(clip);
        var without = await plain.TranscribeAsync(clip);

        Assert.Contains("幺五九零幺二三四五六七", withLm.RawText, StringComparison.Ordinal);
        Assert.Contains("幺五九零幺二三四五六七", without.RawText, StringComparison.Ordinal);
    }
}
