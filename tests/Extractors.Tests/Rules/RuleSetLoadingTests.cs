namespace FunAsr.Extractors.Tests.Rules;

public sealed class RuleSetLoadingTests
{
    [Fact]
    public void Unknown_key_is_reported_with_file_line_and_column_and_the_allowed_keys()
    {
        var e = Assert.Throws<RuleFileException>(() => RuleSet.Parse("""
            rules:
              - id: a
                match: "%{INT:n}"
                colour: red
            """, "bad.yaml"));
        var problem = Assert.Single(e.Problems);
        Assert.Equal(("bad.yaml", 4, 5), (problem.File, problem.Line, problem.Column));
        Assert.Contains("unknown key `colour`", problem.Message);
        Assert.Contains("allowed: id, description, match", problem.Message);
        Assert.StartsWith("1 problem(s)", e.Message);
        Assert.Contains("bad.yaml:4:5: unknown key `colour`", e.Message);
    }

    [Fact]
    public void Every_problem_is_listed_and_nothing_loads()
    {
        var e = Assert.Throws<RuleFileException>(() => RuleSet.Parse("""
            rules:
              - id: a
                match: "%{NO_SUCH_PATTERN:x}"
              - id: b
                match: "%{INT:n}"
                fields: { n: colour }
              - id: c
                match: "%{INT:n}"
              - id: c
                match: "%{WORD:w}"
            """, "many.yaml"));
        Assert.Collection(e.Problems,
            p => Assert.Contains("rule `a`: pattern %{NO_SUCH_PATTERN} is not defined", p.Message),
            p => Assert.Contains("unknown type `colour` for field `n`", p.Message),
            p => Assert.Contains("rule id `c` is already used at many.yaml:7:5", p.Message));
    }

    [Fact]
    public void A_circular_pattern_reference_names_the_cycle()
    {
        var e = Assert.Throws<RuleFileException>(() => RuleSet.Parse("""
            patterns:
              LOOP_A: x%{LOOP_B}
              LOOP_B: y%{LOOP_A}
            rules:
              - id: loop
                match: "%{LOOP_A:v}"
            """));
        Assert.Contains("pattern %{LOOP_A} refers back to itself: LOOP_A → LOOP_B → LOOP_A", Assert.Single(e.Problems).Message);
    }

    [Fact]
    public void A_field_the_match_does_not_capture_is_an_error()
    {
        var e = Assert.Throws<RuleFileException>(() => RuleSet.Parse("""
            rules:
              - id: a
                match: "%{INT:n}"
                fields: { m: int }
            """));
        Assert.Contains("field `m` of rule `a` is not captured by its match (captures: n)", Assert.Single(e.Problems).Message);
    }

    [Fact]
    public void Yaml_syntax_errors_carry_their_position()
    {
        var e = Assert.Throws<RuleFileException>(() => RuleSet.Parse("rules:\n  - id: [unclosed\n", "syntax.yaml"));
        Assert.StartsWith("syntax.yaml:", Assert.Single(e.Problems).ToString());
        Assert.Contains("not valid YAML", e.Problems[0].Message);
    }

    [Fact]
    public void Loading_a_directory_reads_pattern_files_and_rule_files_and_hashes_them()
    {
        var dir = Directory.CreateTempSubdirectory("rules-").FullName;
        File.WriteAllText(Path.Combine(dir, "local.grok"), "STORE_ID S[0-9]{3}\n");
        File.WriteAllText(Path.Combine(dir, "store.yaml"), "rules:\n  - id: store\n    match: \"%{STORE_ID:store}\"\n");
        var first = RuleSet.Load(dir);
        var result = new Extractor(first).Extract(new ExtractionInput("门店S123"));
        Assert.Equal("S123", Assert.Single(result.Fields).Value);
        File.AppendAllText(Path.Combine(dir, "store.yaml"), "    description: changed\n");
        Assert.NotEqual(first.Version, RuleSet.Load(dir).Version);
    }

    [Fact]
    public void Each_rule_has_its_own_version_that_changes_only_with_its_own_text()
    {
        const string Two = "rules:\n  - id: a\n    match: \"%{INT:n}\"\n  - id: b\n    match: \"%{WORD:w}\"\n";
        var before = RuleSet.Parse(Two).Rules;
        var after = RuleSet.Parse(Two.Replace("%{WORD:w}", "%{WORD:word}")).Rules;
        Assert.NotEqual(before[0].Version, before[1].Version);
        Assert.Equal(before[0].Version, after[0].Version);
        Assert.NotEqual(before[1].Version, after[1].Version);
    }
}
