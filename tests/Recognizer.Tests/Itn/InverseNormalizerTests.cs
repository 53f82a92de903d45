using FunAsr.Recognizer.Itn;

namespace FunAsr.Recognizer.Tests.Itn;

public sealed class InverseNormalizerTests
{
    private static readonly InverseNormalizer Default = InverseNormalizer.Create(ItnOptions.Default);

    [Fact]
    public void Every_replacement_records_source_and_target_offsets()
    {
        var result = Default.Normalize("请拨打四零零八八八一二三四，时间是上午九点");

        Assert.Equal("请拨打4008881234，时间是上午9点", result.Written);
        Assert.Collection(result.Spans,
            phone => Assert.Equal(new ItnSpan(3, 10, 3, 10, "digits"), phone),
            time => Assert.Equal(new ItnSpan(17, 4, 17, 4, "time"), time));
        foreach (var span in result.Spans)
        {
            Assert.Equal(result.Written.Substring(span.TargetStart, span.TargetLength),
                Default.Normalize(result.Spoken.Substring(span.SourceStart, span.SourceLength)).Written);
        }
    }

    [Fact]
    public void Written_range_maps_back_to_the_whole_spoken_replacement()
    {
        var result = Default.Normalize("call four zero zero eight eight eight one two three four now", "en");

        Assert.Equal("call 4008881234 now", result.Written);
        int start = result.Written.IndexOf("888", StringComparison.Ordinal);
        var (spokenStart, spokenLength) = result.ToSpokenRange(start, 3);
        Assert.Equal("four zero zero eight eight eight one two three four", result.Spoken.Substring(spokenStart, spokenLength));
        Assert.Equal((result.Spoken.Length - 3, 3), result.ToSpokenRange(result.Written.Length - 3, 3));
    }

    [Fact]
    public void Text_without_numbers_is_returned_unchanged_with_no_spans()
    {
        var result = Default.Normalize("您好，请问有什么可以帮您 hello there");

        Assert.Equal(result.Spoken, result.Written);
        Assert.Empty(result.Spans);
    }

    [Fact]
    public void Filler_words_are_deleted_only_when_asked_and_leave_a_deletion_span()
    {
        var wetext = InverseNormalizer.Create(ItnProfiles.Get(ItnProfiles.WeText));

        var result = wetext.Normalize("呃这个呃啊我不知道", "zh");

        Assert.Equal("这个我不知道", result.Written);
        Assert.Equal(new ItnSpan(0, 1, 0, 0, "interjection"), result.Spans[0]);
        Assert.Equal("呃这个", Default.Normalize("呃这个").Written);
    }

    [Fact]
    public void Categories_can_be_switched_off()
    {
        var noDigits = InverseNormalizer.Create(ItnOptions.Default with { Categories = ItnCategories.All & ~ItnCategories.Digits });

        Assert.Equal("四零零八八八一二三四", noDigits.Normalize("四零零八八八一二三四").Written);
        Assert.Equal("2025年1月3日", noDigits.Normalize("二零二五年一月三号").Written);
    }

    [Fact]
    public void Styles_for_dates_times_and_units_follow_the_options()
    {
        var wetext = InverseNormalizer.Create(ItnProfiles.Get(ItnProfiles.WeText));
        var twentyFour = InverseNormalizer.Create(ItnOptions.Default with { TimeStyle = ItnTimeStyle.TwentyFourHour });

        Assert.Equal("2008/08/08", wetext.Normalize("二零零八年八月八日").Written);
        Assert.Equal("8:30a.m.准时开会", wetext.Normalize("上午八点半准时开会").Written);
        Assert.Equal("重达25kg", wetext.Normalize("重达二十五千克").Written);
        Assert.Equal("15:40", twentyFour.Normalize("下午三点四十").Written);
        Assert.Equal("18:00", twentyFour.Normalize("下午六点").Written);
    }

    [Fact]
    public void A_user_whitelist_keeps_words_and_can_rewrite_them()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "# ours\n十三号线\n幺幺零\t110报警\n");
            var normalizer = InverseNormalizer.Create(ItnOptions.Default with { WhitelistPath = path });

            var result = normalizer.Normalize("坐十三号线，打幺幺零");

            Assert.Equal("坐十三号线，打110报警", result.Written);
            Assert.Equal("whitelist", Assert.Single(result.Spans).Category);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Errors_name_the_setting_file_line_or_value_at_fault()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "ok\na\tb\tc\n");
            var format = Assert.Throws<FormatException>(() => InverseNormalizer.Create(ItnOptions.Default with { WhitelistPath = path }));
            Assert.StartsWith($"{path}:2:", format.Message);
        }
        finally
        {
            File.Delete(path);
        }

        var missing = Assert.Throws<FileNotFoundException>(() => InverseNormalizer.Create(ItnOptions.Default with { WhitelistPath = "/nope/list.tsv" }));
        Assert.Contains("WhitelistPath", missing.Message);
        Assert.Contains("known: callcentre, wetext, nemo", Assert.Throws<ArgumentException>(() => ItnProfiles.Get("x")).Message);
        Assert.Contains("expected zh, en or auto", Assert.Throws<ArgumentException>(() => Default.Normalize("一", "fr")).Message);
    }

    [Fact]
    public void One_normalizer_serves_many_threads()
    {
        var outputs = Enumerable.Range(0, 64).AsParallel().Select(_ => Default.Normalize("二零二五年一月三号四零零八八八一二三四").Written).Distinct().ToList();

        Assert.Equal("2025年1月3日4008881234", Assert.Single(outputs));
    }
}
