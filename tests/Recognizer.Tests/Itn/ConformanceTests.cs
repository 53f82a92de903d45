using FunAsr.Recognizer.Itn;
using FunAsr.Tests.Support;
using Xunit.Abstractions;

namespace FunAsr.Recognizer.Tests.Itn;

/// <summary>
/// Runs the peer ITN suites in ../shared/conformance/itn under the option set each file is asserted with upstream
/// (SOURCES.md there), prints the pass rate per file, and keeps tests/testdata/itn/known-failures.tsv true.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    private static readonly string KnownFailuresPath = RepoPaths.Of("tests", "testdata", "itn", "known-failures.tsv");

    /// <summary>The options SOURCES.md names for a file: WeText's main test class runs standalone=T, 0-to-9=T.</summary>
    internal static (ItnOptions Options, string Language) OptionsFor(string fileName)
    {
        var options = ItnProfiles.Get(fileName.StartsWith("nemo_", StringComparison.Ordinal) ? ItnProfiles.Nemo : ItnProfiles.WeText);
        if (fileName.Contains("disable_standalone_number", StringComparison.Ordinal))
        {
            options = options with { EnableStandaloneNumber = false };
        }

        if (fileName.Contains("disable_0_to_9", StringComparison.Ordinal))
        {
            options = options with { EnableZeroToNine = false };
        }

        return (options, fileName.Contains("_zh_", StringComparison.Ordinal) ? "zh" : "en");
    }

    [PeerVectorsFact("conformance", "itn")]
    public void Every_peer_pair_passes_or_is_a_listed_known_failure()
    {
        RepoPaths.TryShared(out string directory, "conformance", "itn");

        var known = File.ReadAllLines(KnownFailuresPath)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(c => (File: c[0], Spoken: c[1]))
            .ToHashSet();
        var files = Directory.GetFiles(directory, "*.tsv").OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);

        var unexpectedFailures = new List<string>();
        var unexpectedPasses = new List<string>();
        int allPairs = 0;
        int allPassed = 0;
        foreach (string path in files)
        {
            string file = Path.GetFileName(path);
            var (options, language) = OptionsFor(file);
            var normalizer = InverseNormalizer.Create(options);
            int pairs = 0;
            int passed = 0;
            foreach (string line in File.ReadAllLines(path))
            {
                string[] columns = line.Split('\t');
                string written = normalizer.Normalize(columns[0], language).Written;
                bool ok = written == columns[1];
                bool listed = known.Contains((file, columns[0]));
                pairs++;
                passed += ok ? 1 : 0;
                if (!ok && !listed)
                {
                    unexpectedFailures.Add($"{file}: '{columns[0]}' → '{written}', expected '{columns[1]}'");
                }
                else if (ok && listed)
                {
                    unexpectedPasses.Add($"{file}: '{columns[0]}' now passes; remove it from {KnownFailuresPath}");
                }
            }

            allPairs += pairs;
            allPassed += passed;
            output.WriteLine($"{file,-70} {passed,4}/{pairs,-4} {100.0 * passed / pairs,6:F1}%  profile={options.Profile} standalone={options.EnableStandaloneNumber} 0to9={options.EnableZeroToNine}");
        }

        output.WriteLine($"{"all",-70} {allPassed,4}/{allPairs,-4} {100.0 * allPassed / allPairs,6:F1}%");
        Assert.True(unexpectedFailures.Count == 0 && unexpectedPasses.Count == 0,
            string.Join('\n', unexpectedFailures.Concat(unexpectedPasses).Distinct()));
    }
}
