using FunAsr.Extractors.Rules.Normalizers;
using FunAsr.Extractors.Rules.Validation;

namespace FunAsr.Extractors.Tests.Rules;

/// <summary><c>validate:</c> on rule fields: Luhn cards, Chinese ID check characters, phone numbering plans.</summary>
public sealed class FieldValidationTests
{
    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("378282246310005", true)]
    [InlineData("6217001122334455669", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("6222021234567890", false)]
    [InlineData("8613812345678", false)]
    [InlineData("13812345678901", false)]
    [InlineData("411111111111", false)]
    public void A_card_number_needs_a_card_prefix_a_card_length_and_the_luhn_digit(string number, bool valid) =>
        Assert.Equal(valid, Luhn.IsValidCardNumber(number));

    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("11010519491231002x", true)]
    [InlineData("440304198510121233", true)]
    [InlineData("440304198510121234", false)]
    [InlineData("440304198513121233", false)]
    [InlineData("4403041985101212", false)]
    public void A_chinese_id_number_needs_a_real_birth_date_and_the_mod_11_2_check_character(string number, bool valid) =>
        Assert.Equal(valid, ChineseIdNumber.IsValid(number));

    [Theory]
    [InlineData("13812345678", "CN", 2)]
    [InlineData("4008881234", "CN", 2)]
    [InlineData("010-62345678", "CN", 1)]
    [InlineData("01012345678", "CN", 0)]
    [InlineData("12345678901", "CN", 0)]
    [InlineData("8005550199", "US", 2)]
    [InlineData("18775550144", "US", 2)]
    [InlineData("4155550123", "US", 1)]
    [InlineData("13812345678", "US", 1)]
    [InlineData("1115550123", "US", 0)]
    [InlineData("4151110123", "US", 0)]
    [InlineData("+44 20 7946 0958", "US", 3)]
    public void A_phone_number_is_scored_by_how_specifically_it_fits_its_plan(string text, string region, int specificity) =>
        Assert.Equal(specificity, PhonePlan.Specificity(PhoneNormalizer.Normalize(text, region)!));

    [Fact]
    public void A_digit_run_read_as_both_a_chinese_mobile_and_a_nanp_number_comes_out_once_as_the_mobile()
    {
        var rules = RuleSet.Load(FunAsr.Tests.Support.RepoPaths.Of("rules"));

        var result = new Extractor(rules).Extract(new ExtractionInput("13812345678"));

        var phone = Assert.Single(result.Fields, f => f.Type == "phone");
        Assert.Equal("+8613812345678", phone.ValueText);
    }

    [Fact]
    public void A_match_whose_field_fails_validation_is_dropped_with_its_redaction_and_tags()
    {
        var rules = RuleSet.Parse("""
            rules:
              - id: card
                mode: all
                match: "%{CARD_NUMBER:card}"
                fields:
                  card: { type: string, validate: luhn }
                redact: true
                tags: [pci]
            """);

        var result = new Extractor(rules).Extract(new ExtractionInput("4111111111111112 and 4111111111111111"));

        Assert.Equal("4111111111111112 and ****************", result.RedactedText);
        Assert.Equal("4111111111111111", Assert.Single(result.Fields).ValueText);
    }

    [Fact]
    public void An_unknown_validation_is_an_error_naming_the_known_ones()
    {
        var e = Assert.Throws<RuleFileException>(() => RuleSet.Parse("""
            rules:
              - id: a
                match: "%{INT:n}"
                fields:
                  n: { type: string, validate: mod97 }
            """, "v.yaml"));
        var problem = Assert.Single(e.Problems);
        Assert.Equal(("v.yaml", 5), (problem.File, problem.Line));
        Assert.Contains("luhn", problem.Message);
    }

    [Fact]
    public void A_value_the_speaker_corrects_gives_way_to_the_correction()
    {
        var rules = RuleSet.Parse("""
            rules:
              - id: phone
                mode: all
                match: "%{CN_MOBILE:phone}"
                corrected_by: "，?(?:不对|说错了)，?是?"
                fields:
                  phone: phone
            """);

        var result = new Extractor(rules).Extract(new ExtractionInput("13812345678，不对，是13812345679，另一个是13900001111"));

        Assert.Equal(["+8613812345679", "+8613900001111"], result.Fields.Select(f => f.ValueText));
    }
}
