using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FunAsr.Extractors.Tests.Export;

/// <summary>
/// Runs regexes under Onigmo, the engine of Fluent Bit, Ruby and (as Joni, its Java port) Logstash and Elasticsearch:
/// <c>ruby -e</c> over a JSON file of cases, each a plain regex or a grok pattern with its definitions (expanded the way
/// Logstash's jls-grok does), and the texts to match. Returns per case either the compile error or, per text, the
/// whole match and every named capture that took part. Patterns compile for UTF-8 as Joni always does: Ruby would
/// otherwise accept an ASCII-only pattern that fails once the text is not ASCII (case folding in a look-behind).
/// </summary>
internal static class OnigmoProbe
{
    private const string Script = """
        require 'json'
        def expand(text, defs, depth)
          raise "pattern references nest deeper than 64" if depth > 64
          text.gsub(/%\{(\w+)(?::([^:}]+))?(?::\w+)?\}/) do
            name, field = $1, $2
            body = expand(defs.fetch(name) { raise "pattern %{#{name}} is not defined" }, defs, depth + 1)
            field ? "(?<#{field.gsub(/[^A-Za-z0-9_]/, '_')}>#{body})" : "(?:#{body})"
          end
        end
        out = JSON.parse(File.read(ARGV[0], encoding: 'UTF-8')).map do |c|
          begin
            re = Regexp.new((c['regex'] || expand(c['grok'], c['definitions'], 0)).encode('UTF-8'), Regexp::FIXEDENCODING)
            { 'id' => c['id'], 'results' => c['texts'].map do |t|
              m = re.match(t)
              caps = {}
              m.names.each { |n| caps[n] = m[n] unless m[n].nil? } if m
              { 'match' => m && m[0], 'captures' => caps }
            end }
          rescue StandardError => e
            { 'id' => c['id'], 'error' => e.message }
          end
        end
        puts JSON.generate(out)
        """;

    /// <summary>Whether <c>ruby</c> is on the PATH (tools/install-deps.sh installs it).</summary>
    public static bool Available { get; } = Environment.GetEnvironmentVariable("PATH")!.Split(':')
        .Any(dir => File.Exists(Path.Combine(dir, "ruby")));


    public static JsonArray Run(JsonArray cases)
    {
        var input = Path.GetTempFileName();
        File.WriteAllText(input, cases.ToJsonString());
        var start = new ProcessStartInfo("ruby") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(input);
        using var ruby = Process.Start(start)!;
        var stderr = ruby.StandardError.ReadToEndAsync();
        var stdout = ruby.StandardOutput.ReadToEnd();
        ruby.WaitForExit();
        File.Delete(input);
        Assert.True(ruby.ExitCode == 0, $"ruby failed: {stderr.Result}");
        return JsonNode.Parse(stdout)!.AsArray();
    }
}

/// <summary>A fact that runs exported patterns under Onigmo: skipped, saying why, when ruby is not installed.</summary>
public sealed class OnigmoFactAttribute : FactAttribute
{
    public OnigmoFactAttribute()
    {
        if (!OnigmoProbe.Available)
        {
            Skip = "ruby (Onigmo) is not installed; tools/install-deps.sh installs it.";
        }
    }
}
