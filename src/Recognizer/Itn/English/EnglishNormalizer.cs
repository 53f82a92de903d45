namespace FunAsr.Recognizer.Itn.English;

/// <summary>English spoken-form numbers to written form (being filled in).</summary>
internal sealed class EnglishNormalizer(ItnOptions options, Whitelist whitelist)
{
    public void Collect(string text, List<Rewrite> rewrites)
    {
        _ = options;
        _ = whitelist;
        _ = text;
        _ = rewrites;
    }
}
