using FunAsr.Extractors.Rules.Normalizers;

namespace FunAsr.Extractors.Tests.Rules;

/// <summary>Field normalizers on the forms people say: relative days, adjacent weekdays, opening/closing pairs, clock words.</summary>
public sealed class NormalizerTests
{
    private static readonly DateOnly Wednesday = new(2026, 3, 4);

    [Theory]
    [InlineData("今天", "2026-03-04")]
    [InlineData("明天", "2026-03-05")]
    [InlineData("后天", "2026-03-06")]
    [InlineData("昨天", "2026-03-03")]
    [InlineData("下周一", "2026-03-09")]
    [InlineData("下个星期五", "2026-03-13")]
    [InlineData("这周五", "2026-03-06")]
    [InlineData("周五", "2026-03-06")]
    [InlineData("周二", "2026-03-10")]
    [InlineData("tomorrow", "2026-03-05")]
    [InlineData("the day after tomorrow", "2026-03-06")]
    [InlineData("next Monday", "2026-03-09")]
    [InlineData("next friday", "2026-03-13")]
    [InlineData("this Friday", "2026-03-06")]
    [InlineData("thursday", "2026-03-05")]
    [InlineData("15 march", "--03-15")]
    public void A_day_said_relative_to_the_call_resolves_against_its_date(string text, string date) =>
        Assert.Equal(date, DateNormalizer.Normalize(text, Wednesday));

    [Theory]
    [InlineData("明天", "today+1")]
    [InlineData("下周一", "next Mon")]
    [InlineData("Friday", "Fri")]
    public void Without_the_call_date_a_relative_day_stays_relative(string text, string relative) =>
        Assert.Equal(relative, DateNormalizer.Normalize(text));

    [Theory]
    [InlineData("周六周日", "Sat-Sun")]
    [InlineData("周六、周日", "Sat-Sun")]
    [InlineData("周一到周五", "Mon-Fri")]
    [InlineData("周一和周三", "Mon,Wed")]
    [InlineData("saturdays and sundays", "Sat-Sun")]
    [InlineData("weekday", "Mon-Fri")]
    public void Adjacent_weekdays_are_a_range_and_others_a_list(string text, string days) =>
        Assert.Equal(days, WeekdaysNormalizer.Normalize(text));

    [Theory]
    [InlineData("早上9点开门晚上9:30关门", "09:00-21:30")]
    [InlineData("上午9点上班晚上6点下班", "09:00-18:00")]
    [InlineData("open at nine and close at six", "09:00-18:00")]
    [InlineData("opens at eight in the morning and closes at ten at night", "08:00-22:00")]
    [InlineData("8:30到5:30", "08:30-17:30")]
    [InlineData("中午12点到一点", "12:00-13:00")]
    [InlineData("two and 4:00 p.m.", "14:00-16:00")]
    public void Opening_and_closing_times_said_apart_make_a_range(string text, string range) =>
        Assert.Equal(range, TimeRangeNormalizer.Normalize(text)?.ToString());

    [Theory]
    [InlineData("nine", 7, "09:00")]
    [InlineData("six", 12, "18:00")]
    [InlineData("2:30", 7, "14:30")]
    [InlineData("2:30", 0, "02:30")]
    [InlineData("ten at night", 7, "22:00")]
    [InlineData("7:30 in the morning", 12, "07:30")]
    [InlineData("早9点", 7, "09:00")]
    public void An_hour_said_without_a_half_of_the_day_reads_as_afternoon_below_pm_below(string text, int pmBelow, string time) =>
        Assert.Equal(time, ClockTimeNormalizer.Normalize(text, pmBelow));

    [Theory]
    [InlineData("99块9", "99.90 CNY")]
    [InlineData("456元7角", "456.70 CNY")]
    [InlineData("300块", "300.00 CNY")]
    public void Tenths_said_after_the_yuan_are_part_of_the_amount(string text, string money) =>
        Assert.Equal(money, MoneyNormalizer.Normalize(text, "CNY")!.ToString());

    [Theory]
    [InlineData("¥300", "CNY", "300.00 CNY")]
    [InlineData("3万元", "CNY", "30000.00 CNY")]
    [InlineData("1,250.50", "USD", "1250.50 USD")]
    [InlineData("$25.50", "CNY", "25.50 USD")]
    [InlineData("25 dollars", "CNY", "25.00 USD")]
    [InlineData("八块", "USD", "8.00 CNY")]
    [InlineData("二十五元", "USD", "25.00 CNY")]
    [InlineData("500", "CNY", "500.00 CNY")]
    public void Amounts_read_with_their_currency_else_the_rule_default(string text, string currency, string money) =>
        Assert.Equal(money, MoneyNormalizer.Normalize(text, currency)!.ToString());

    [Theory]
    [InlineData("7", 7)]
    [InlineData("九", 9)]
    [InlineData("两", 2)]
    [InlineData("十", 10)]
    [InlineData("十二", 12)]
    [InlineData("三十", 30)]
    [InlineData("九十九", 99)]
    [InlineData("一百", null)]
    [InlineData("", null)]
    public void Small_chinese_numerals_read_as_numbers(string text, int? number) =>
        Assert.Equal(number, ChineseNumber.Parse(text));
}
