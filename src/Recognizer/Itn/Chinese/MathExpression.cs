using System.Text;

namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>Arithmetic and scores: 一加二 → 1+2, 二等于一加一 → 2=1+1, 负一加二 → -1+2, 七十八比九十六 → 78:96.</summary>
internal static class MathExpression
{
    private static readonly (string Spoken, string Written)[] Operators =
        [("加", "+"), ("减", "-"), ("乘以", "×"), ("乘", "×"), ("除以", "÷"), ("等于", "="), ("比", ":")];

    public static TaggedMatch? Match(string s, int i)
    {
        if (ChineseNumerals.ParseNumber(s, i) is not { } first)
        {
            return null;
        }

        var written = new StringBuilder(first.Written);
        int j = first.End;
        int operators = 0;
        while (j < s.Length)
        {
            int at = j;
            var op = Operators.FirstOrDefault(o => s.AsSpan(at).StartsWith(o.Spoken));
            if (op.Spoken is null || ChineseNumerals.ParseNumber(s, j + op.Spoken.Length) is not { } next)
            {
                break;
            }

            written.Append(op.Written).Append(next.Written);
            j = next.End;
            operators++;
        }

        return operators == 0 ? null : new TaggedMatch(j - i, written.ToString(), "math");
    }
}
