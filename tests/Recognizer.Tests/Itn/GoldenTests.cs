using FunAsr.Recognizer.Itn;
using FunAsr.Tests.Support;

namespace FunAsr.Recognizer.Tests.Itn;

/// <summary>
/// Our own vectors for the default call-centre profile, one file per category in tests/testdata/itn
/// (<c>spoken&lt;TAB&gt;written</c>; a line with one column must come out unchanged).
/// </summary>
public sealed class GoldenTests
{
    private static readonly InverseNormalizer Normalizer = InverseNormalizer.Create(ItnOptions.Default);

    public static TheoryData<string, string, string> Pairs()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string path in Directory.GetFiles(RepoPaths.Of("tests", "testdata", "itn"), "*.tsv").Order(StringComparer.Ordinal))
        {
            string category = Path.GetFileNameWithoutExtension(path);
            if (category == "known-failures")
            {
                continue;
            }

            foreach (string line in File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                string[] columns = line.Split('\t');
                data.Add(category, columns[0], columns.Length > 1 ? columns[1] : columns[0]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Call_centre_profile_writes_the_expected_form(string category, string spoken, string written)
    {
        Assert.True(category.Length > 0);
        Assert.Equal(written, Normalizer.Normalize(spoken).Written);
    }
}
