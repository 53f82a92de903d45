using FunAsr.Extractors.Rules.Normalizers;

namespace FunAsr.Extractors.Tests.Rules;

/// <summary>Telephone numbers in the written forms agents and ITN produce, read as digits plus E.164 for the rule's region.</summary>
public sealed class PhoneNormalizerTests
{
    [Theory]
    [InlineData("138 0013 8000", "CN", "13800138000", "+8613800138000")]
    [InlineData("+86 138-0013-8000", "CN", "8613800138000", "+8613800138000")]
    [InlineData("0086 13800138000", "CN", "8613800138000", "+8613800138000")]
    [InlineData("8613800138000", "CN", "13800138000", "+8613800138000")]
    [InlineData("(010) 6552-9988", "CN", "01065529988", "+861065529988")]
    [InlineData("400-820-8820", "CN", "4008208820", null)]
    [InlineData("(415) 555-0123", "US", "4155550123", "+14155550123")]
    [InlineData("1-415-555-0123", "us", "4155550123", "+14155550123")]
    [InlineData("95588", "CN", "95588", null)]
    [InlineData("020 7946 0958", "GB", "02079460958", null)]
    public void A_written_number_reads_as_digits_and_e164(string text, string region, string digits, string? e164)
    {
        var phone = PhoneNormalizer.Normalize(text, region);
        Assert.NotNull(phone);
        Assert.Equal(digits, phone.Digits);
        Assert.Equal(e164, phone.E164);
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("call me")]
    public void Fewer_than_five_digits_is_not_a_number(string text) => Assert.Null(PhoneNormalizer.Normalize(text, "CN"));
}
