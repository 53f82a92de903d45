namespace FunAsr.Recognizer;

/// <summary>How Chinese clock times are written.</summary>
public enum ItnTimeStyle
{
    /// <summary>上午/下午/晚上 kept as words before the time: 上午九点半 → 上午9:30, 下午六点 → 下午6点.</summary>
    KeepPeriodWords,

    /// <summary>WeTextProcessing's style: 上午八点半 → 8:30a.m., 晚上一点零二分 → 1:02p.m.</summary>
    PeriodSuffix,

    /// <summary>24-hour clock, the period word folded in: 下午三点四十 → 15:40, 下午六点 → 18:00.</summary>
    TwentyFourHour,
}
