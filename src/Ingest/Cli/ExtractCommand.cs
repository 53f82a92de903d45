using System.Buffers;
using System.CommandLine;
using System.Text;
using FunAsr.Extractors;
using FunAsr.Extractors.Rules;
using FunAsr.Ingest.Events;

namespace FunAsr.Ingest.Cli;

/// <summary>
/// <c>extract</c>: run a rule directory over text arguments or stdin lines. As a filter in a log pipeline it reads
/// NDJSON events and writes each back with the results under one target key, every other key untouched; as an
/// rsyslog <c>mmexternal</c> plugin it answers each message with its <c>$!</c> changes; as an <c>omprog</c> program
/// it appends enriched events to a file and confirms each with <c>OK</c>. See <see cref="EventExtraction"/>.
/// </summary>
internal static class ExtractCommand
{
    private const int FlushThresholdBytes = 64 * 1024;

    public static Command Create()
    {
        var rulesDir = new Option<string>("--rules")
        {
            Description = "The rule directory.",
            DefaultValueFactory = _ => "rules",
        };
        var language = new Option<string?>("--lang") { Description = "Language of the text (zh, en); rules limited to another language are skipped. Default: every rule runs." };
        var speaker = new Option<string?>("--speaker") { Description = "Speaker label (agent, customer) for rules with when.speaker." };
        var scope = new Option<string>("--scope")
        {
            Description = "segment (a turn or a log line) or transcript (a whole call); rules run on the scope they declare.",
            DefaultValueFactory = _ => "segment",
        };
        scope.AcceptOnlyFromAmong("segment", "transcript");
        var sourceFields = new Option<string[]>("--source-field")
        {
            Description = "The event field holding the text, as a dotted path (event.original matches a nested object or a literal dotted key). " +
                "Repeat it to try several in order; the first present and not null is used. Default: message, text, log, event.original " +
                "(msg in --mode mmexternal and omprog, rsyslog's property).",
        };
        var target = new Option<string>("--target")
        {
            Description = "The key results go under (fields, matches, tags, alerts, failures, redacted_text); nothing else in the event changes.",
            DefaultValueFactory = _ => EventExtractionOptions.DefaultTarget,
        };
        var maxLineBytes = new Option<int>("--max-line-bytes")
        {
            Description = "The longest line read; a longer line is written as an event with only the target and a line_too_long failure.",
            DefaultValueFactory = _ => EventExtractionOptions.DefaultMaxLineBytes,
        };
        var mode = new Option<string>("--mode")
        {
            Description = "filter: NDJSON in, NDJSON out. mmexternal: rsyslog's external message modification protocol (one {\"$!\":{...}} " +
                "reply per line). omprog: rsyslog omprog with confirmMessages=\"on\" (enriched NDJSON appended to --output-file, OK per message).",
            DefaultValueFactory = _ => "filter",
        };
        mode.AcceptOnlyFromAmong("filter", "mmexternal", "omprog");
        var outputFile = new Option<string?>("--output-file") { Description = "Where --mode omprog appends the enriched events." };
        var flush = new Option<string>("--flush")
        {
            Description = "idle: write out whenever the input has nothing more to read yet (a pipe never waits on us; a file is written in " +
                "large blocks). line: after every line.",
            DefaultValueFactory = _ => "idle",
        };
        flush.AcceptOnlyFromAmong("idle", "line");
        var workers = new Option<int?>("--workers")
        {
            Description = "Threads enriching events in filter mode, each on a batch of lines read together; output stays in input " +
                "order and comes out as with one (a pipe never waits on us). 1 enriches on the reading thread. Default: the cores " +
                "this process may use (taskset, container limits).",
        };
        var text = new Argument<string[]>("text")
        {
            Description = "Text to extract from, one output line each. Without any, stdin is read line by line.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("extract",
            "Extract fields, tags and alerts with a rule directory. Each input line is an NDJSON event (its source field is read) " +
            "or plain text; each output line is the event with the results under --target (default funasr): fields (name → value " +
            "or list), matches (each field with rule, span and type), tags, alerts, failures, redacted_text. Every other key is " +
            "written back byte for byte. An event that cannot be read (invalid JSON, an array, no string source field, a line over " +
            "--max-line-bytes) gets funasr.tags [\"_funasr_extract_failure\"] and funasr._funasr_extract_failure {reason, message}; " +
            "the stream goes on.\n" +
            "Examples:\n" +
            "  funasr-pipeline extract --rules rules/ 我的手机号是13812345678\n" +
            "  echo '{\"message\":\"our hours are 9 to 5 p.m. weekdays\"}' | funasr-pipeline extract --lang en\n" +
            "  tail -f app.ndjson | funasr-pipeline extract --source-field log --source-field event.original --target nlp\n" +
            "  funasr-pipeline extract --rules rules/ --workers 4 < events.ndjson > enriched.ndjson\n" +
            "  action(type=\"mmexternal\" binary=\"/usr/bin/funasr-pipeline extract --mode mmexternal\" interface.input=\"fulljson\")");
        command.Options.Add(rulesDir);
        command.Options.Add(language);
        command.Options.Add(speaker);
        command.Options.Add(scope);
        command.Options.Add(sourceFields);
        command.Options.Add(target);
        command.Options.Add(maxLineBytes);
        command.Options.Add(mode);
        command.Options.Add(outputFile);
        command.Options.Add(flush);
        command.Options.Add(workers);
        command.Arguments.Add(text);
        command.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(() =>
        {
            var selectedMode = pr.GetValue(mode)!;
            var fields = pr.GetValue(sourceFields) is { Length: > 0 } given ? given
                : selectedMode == "filter" ? EventExtractionOptions.DefaultSourceFields : ["msg"];
            if (pr.GetValue(maxLineBytes) < 1)
            {
                throw new FormatException("--max-line-bytes must be at least 1");
            }
            var workerCount = pr.GetValue(workers) ?? Environment.ProcessorCount;
            if (workerCount < 1)
            {
                throw new FormatException("--workers must be at least 1");
            }
            if (selectedMode == "omprog" && pr.GetValue(outputFile) is null)
            {
                throw new FormatException("--mode omprog needs --output-file (stdout carries the OK confirmations)");
            }
            var extractors = new WorkerExtractors(pr.GetValue(rulesDir)!, RuleLoadOptions.Default);
            var options = new EventExtractionOptions(
                fields, pr.GetValue(target)!, pr.GetValue(maxLineBytes), pr.GetValue(language), pr.GetValue(speaker),
                pr.GetValue(scope) == "transcript" ? ExtractionScope.Transcript : ExtractionScope.Segment);
            var extraction = new EventExtraction(extractors.Shared, options);
            if (pr.GetValue(text) is { Length: > 0 } texts)
            {
                var buffer = new ArrayBufferWriter<byte>();
                for (var i = 0; i < texts.Length; i++)
                {
                    extraction.WriteEvent(Encoding.UTF8.GetBytes(texts[i]), i + 1, buffer);
                }
                pr.InvocationConfiguration.Output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
                return Task.FromResult(0);
            }
            using var stdin = Console.OpenStandardInput();
            using var stdout = Console.OpenStandardOutput();
            if (selectedMode == "filter" && workerCount > 1)
            {
                new ParallelFilter(() => new EventExtraction(extractors.Next(), options), workerCount, pr.GetValue(flush) == "line")
                    .Run(stdin, stdout, pr.GetValue(maxLineBytes), ct);
                return Task.FromResult(0);
            }
            using var events = selectedMode == "omprog" ? new FileStream(pr.GetValue(outputFile)!, FileMode.Append, FileAccess.Write, FileShare.ReadWrite) : null;
            Run(extraction, selectedMode, stdin, stdout, events, pr.GetValue(maxLineBytes), pr.GetValue(flush) == "line", ct);
            return Task.FromResult(0);
        }));
        return command;
    }

    private static void Run(EventExtraction extraction, string mode, Stream input, Stream output, Stream? events, int maxLineBytes, bool flushEveryLine, CancellationToken ct)
    {
        var pending = new ArrayBufferWriter<byte>(FlushThresholdBytes);
        void Flush()
        {
            if (pending.WrittenCount > 0)
            {
                output.Write(pending.WrittenSpan);
                output.Flush();
                pending.ResetWrittenCount();
            }
        }
        var reader = new BoundedLineReader(input, maxLineBytes) { BeforeBlockingRead = Flush };
        var enriched = new ArrayBufferWriter<byte>();
        if (mode == "omprog")
        {
            pending.Write("OK\n"u8);
        }
        while (!ct.IsCancellationRequested && reader.TryReadLine(out var line, out var overLimit))
        {
            var number = reader.LineNumber;
            switch (mode)
            {
                case "mmexternal" when overLimit > 0:
                    extraction.WriteOverLimitRsyslogModification(number, overLimit, pending);
                    break;
                case "mmexternal" when line.IsEmpty:
                    pending.Write("{}\n"u8);
                    break;
                case "mmexternal":
                    extraction.WriteRsyslogModification(line, number, pending);
                    break;
                case "omprog":
                    enriched.ResetWrittenCount();
                    extraction.WriteLine(line, number, overLimit, enriched);
                    // Confirmed only once the event is in the file: rsyslog retries a message that gets no OK.
                    events!.Write(enriched.WrittenSpan);
                    events.Flush();
                    pending.Write("OK\n"u8);
                    break;
                default:
                    extraction.WriteLine(line, number, overLimit, pending);
                    break;
            }
            if (flushEveryLine || pending.WrittenCount >= FlushThresholdBytes)
            {
                Flush();
            }
        }
        Flush();
    }
}
