namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>
/// Percentages: 百分之三十 → 30%, 百分三十 → 30%, 百分之百 → 100%, 负的百分之二十 → -20%,
/// 百分之三十到四十一 → 30~41%, 百分之三十一到百分之百 → 31~100%.
/// </summary>
internal static class Percent
{
    public static TaggedMatch? Match(string s, int i)
    {
        int j = i;
        string sign = "";
        foreach (string prefix in new[] { "负的", "负" })
        {
            if (s.AsSpan(j).StartsWith(prefix))
            {
                sign = "-";
                j += prefix.Length;
                break;
            }
        }

        if (Operand(s, ref j) is not { } first)
        {
            return null;
        }

        string written = sign + first;
        if (j + 1 < s.Length && s[j] is '到' or '至')
        {
            int k = j + 1;
            string? second = Operand(s, ref k);
            if (second is null && ChineseQuantity.ParseOne(s, k) is { NeedsUnit: false } bare)
            {
                second = bare.Written;
                k += bare.Length;
            }

            if (second is not null)
            {
                written += "~" + second;
                j = k;
            }
        }

        return new TaggedMatch(j - i, written + "%", "percent");
    }

    private static string? Operand(string s, ref int j)
    {
        int k = j;
        if (s.AsSpan(k).StartsWith("百分之"))
        {
            k += 3;
        }
        else if (s.AsSpan(k).StartsWith("百分"))
        {
            k += 2;
        }
        else
        {
            return null;
        }

        if (k < s.Length && s[k] == '百' && !ChineseNumerals.ContinuesNumber(s, k + 1))
        {
            j = k + 1;
            return "100";
        }

        if (ChineseQuantity.ParseOne(s, k) is { NeedsUnit: false } quantity)
        {
            j = k + quantity.Length;
            return quantity.Written;
        }

        return null;
    }
}
