namespace FunAsr.Recognizer;

/// <summary>How Chinese dates are written.</summary>
public enum ItnDateStyle
{
    /// <summary>Chinese units kept, no padding, 号 written as 日: 二零二五年一月三号 → 2025年1月3日.</summary>
    Chinese,

    /// <summary>WeTextProcessing's style: 二零零八年八月八日 → 2008/08/08, 八月八日 → 08/08.</summary>
    Slash,
}
