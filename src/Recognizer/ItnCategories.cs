namespace FunAsr.Recognizer;

/// <summary>The kinds of spoken-form expressions inverse text normalization can rewrite; each can be switched off.</summary>
[Flags]
public enum ItnCategories
{
    /// <summary>Nothing is rewritten.</summary>
    None = 0,

    /// <summary>Cardinal numbers: 一千二百三十四 → 1234, "two hundred and fifty four" → 254.</summary>
    Cardinal = 1 << 0,

    /// <summary>Decimals: 三点一四 → 3.14, "five point two million" → 5.2 million.</summary>
    Decimal = 1 << 1,

    /// <summary>Ordinals: 第三 → 第3, "twenty first" → 21st.</summary>
    Ordinal = 1 << 2,

    /// <summary>Fractions: 十六分之三 → 3/16.</summary>
    Fraction = 1 << 3,

    /// <summary>Percentages: 百分之三十 → 30%, "eighteen percent" → 18 %.</summary>
    Percent = 1 << 4,

    /// <summary>Dates: 二零二五年一月三号 → 2025年1月3日, "july twenty fifth twenty twelve" → july 25 2012.</summary>
    Date = 1 << 5,

    /// <summary>Times: 上午九点半 → 上午9:30, "nine a m" → 9:00 a.m.</summary>
    Time = 1 << 6,

    /// <summary>Money: 三千三百八十元五角八分 → 3380元5角8分 (or ¥3380.58), "two dollars" → $2.</summary>
    Money = 1 << 7,

    /// <summary>Numbers with a unit: 一千二百三十四米 → 1234米, "two hundred meters" → 200 m.</summary>
    Measure = 1 << 8,

    /// <summary>Digit strings and telephone numbers: 四零零八八八一二三四 → 4008881234, "double five" → 55.</summary>
    Digits = 1 << 9,

    /// <summary>Ranges: 三五百 → 300~500, 十五六 → 15-6.</summary>
    Range = 1 << 10,

    /// <summary>Arithmetic: 一加二 → 1+2, 七十八比九十六 → 78:96, 正负二 → ±2.</summary>
    Math = 1 << 11,

    /// <summary>E-mail addresses and URLs read out: "a at gmail dot com" → a@gmail.com.</summary>
    Electronic = 1 << 12,

    /// <summary>Vehicle plates and train numbers: 鄂a七l六二u → 鄂a7l62u, 高一二 → G12.</summary>
    Vehicle = 1 << 13,

    /// <summary>Every category.</summary>
    All = (1 << 14) - 1,
}
