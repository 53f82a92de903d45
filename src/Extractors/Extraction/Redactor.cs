using FunAsr.Extractors.Rules;

namespace FunAsr.Extractors;

/// <summary>Masks spans of a text in place of length, so offsets into the text stay valid.</summary>
internal static class Redactor
{
    public static string Apply(string text, IReadOnlyList<(int Start, int Length, RedactSpec Spec)> spans)
    {
        if (spans.Count == 0)
        {
            return text;
        }
        var chars = text.ToCharArray();
        foreach (var (start, length, spec) in spans)
        {
            var keep = spec.KeepLast;
            for (var i = start + length - 1; i >= start; i--)
            {
                if (char.IsWhiteSpace(chars[i]) || chars[i] is '-')
                {
                    continue;
                }
                if (keep > 0 && char.IsLetterOrDigit(chars[i]))
                {
                    keep--;
                    continue;
                }
                chars[i] = spec.Mask;
            }
        }
        return new string(chars);
    }
}
