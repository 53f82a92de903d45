namespace FunAsr.Extractors.Rules.Normalizers;

/// <summary>Reads small numbers written with ASCII digits or Chinese numerals (零…九十九, 两), for text that bypassed ITN.</summary>
internal static class ChineseNumber
{
    public static int? Parse(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (text.All(char.IsAsciiDigit))
        {
            return int.Parse(text);
        }
        var tenAt = text.IndexOf('十');
        if (tenAt < 0)
        {
            return text.Length == 1 ? Digit(text[0]) : null;
        }
        var tens = tenAt == 0 ? 1 : text.Length > 0 ? Digit(text[0]) : null;
        var units = tenAt == text.Length - 1 ? 0 : Digit(text[^1]);
        return tens is null || units is null ? null : tens * 10 + units;
    }

    private static int? Digit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => null,
    };
}
