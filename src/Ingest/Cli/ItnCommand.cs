using System.CommandLine;
using System.Text.Json;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Cli;

/// <summary><c>itn</c>: inverse text normalization on its own, for trying profiles and for scripts.</summary>
internal static class ItnCommand
{
    public static Command Create()
    {
        var language = new Option<string>("--lang")
        {
            Description = "Language of the text: zh, en, or auto (both grammars; each only touches its own script).",
            DefaultValueFactory = _ => "auto",
        };
        language.AcceptOnlyFromAmong("zh", "en", "auto");
        var profile = new Option<string>("--profile")
        {
            Description = "Option set: " + string.Join("; ", ItnProfiles.Descriptions.Select(p => $"{p.Key} = {p.Value}")),
            DefaultValueFactory = _ => ItnProfiles.CallCentre,
        };
        var whitelist = new Option<string?>("--whitelist")
        {
            Description = "A file of extra words never converted (one a line) or 'spoken<TAB>written' rewrites.",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object a line: written, spoken and spans (source/target offsets and category).",
        };
        var text = new Argument<string[]>("text")
        {
            Description = "Spoken-form text to normalize; each argument is one line of output. Without any, stdin is read line by line.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("itn",
            "Inverse text normalization: spoken form in, written form out (四零零八八八一二三四 → 4008881234, " +
            "二零二五年一月三号 → 2025年1月3日, \"nine a m\" → 9:00 a.m.).\n" +
            "Examples:\n" +
            "  funasr-pipeline itn 周一到周五上午九点到下午六点\n" +
            "  funasr-pipeline itn --lang en \"four zero zero eight eight eight one two three four\"\n" +
            "  funasr-pipeline itn --profile wetext 二零零八年八月八日\n" +
            "  cat transcripts.txt | funasr-pipeline itn --json");
        command.Options.Add(language);
        command.Options.Add(profile);
        command.Options.Add(whitelist);
        command.Options.Add(json);
        command.Arguments.Add(text);
        command.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            InverseNormalizer normalizer;
            try
            {
                normalizer = InverseNormalizer.Create(ItnProfiles.Get(pr.GetValue(profile)!) with { WhitelistPath = pr.GetValue(whitelist) });
            }
            catch (Exception ex) when (ex is ArgumentException or FileNotFoundException)
            {
                await Console.Error.WriteLineAsync("error: " + ex.Message);
                return 2;
            }

            string lang = pr.GetValue(language)!;
            bool asJson = pr.GetValue(json);
            var lines = pr.GetValue(text) is { Length: > 0 } given ? given.ToAsyncEnumerable() : ReadStdin(ct);
            await foreach (string line in lines.WithCancellation(ct))
            {
                var result = normalizer.Normalize(line, lang);
                Console.WriteLine(asJson ? JsonSerializer.Serialize(new { written = result.Written, spoken = result.Spoken, spans = result.Spans }, JsonOptions) : result.Written);
            }

            return 0;
        }));
        return command;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static async IAsyncEnumerable<string> ReadStdin([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        while (await Console.In.ReadLineAsync(ct) is { } line)
        {
            yield return line;
        }
    }
}
