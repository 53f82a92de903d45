namespace FunAsr.Recognizer;

/// <summary>How Chinese units of measure and currencies are written.</summary>
public enum ItnUnitStyle
{
    /// <summary>The Chinese unit is kept: 一千二百三十四米 → 1234米, 十三点五元 → 13.5元.</summary>
    Keep,

    /// <summary>WeTextProcessing's symbols: 二十五千克 → 25kg, 十三点五元 → ¥13.5, 十三点五美元 → $13.5.</summary>
    Symbol,
}
