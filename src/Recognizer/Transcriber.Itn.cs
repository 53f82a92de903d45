using FunAsr.Recognizer.Itn;

namespace FunAsr.Recognizer;

public sealed partial class Transcriber
{
    /// <summary>Written form of one segment; the spoken form unchanged when ITN is off. Cantonese uses the Chinese
    /// grammar; languages without a grammar get both (each only touches its own script).</summary>
    private ItnResult Normalize(string spoken, string language)
    {
        if (_normalizer is null || spoken.Length == 0)
        {
            return new ItnResult(spoken, spoken, []);
        }

        var grammar = language switch
        {
            "zh" or "yue" => "zh",
            "en" => "en",
            _ => "auto",
        };
        return _normalizer.Normalize(spoken, grammar);
    }
}
