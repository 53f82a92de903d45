using System.Runtime.InteropServices;
using System.Text.Json;
using FunAsr.Tests.Support;

namespace FunAsr.Recognizer.Tests.Features;

/// <summary>Reads the golden arrays written by tools/regen-golden-features.py (<c>name.f32</c> + <c>name.json</c> with the shape).</summary>
internal static class GoldenFeatures
{
    public static (float[] Values, int Rows, int Columns) Read(string name)
    {
        string folder = RepoPaths.Of("tests", "testdata", "features");
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, name + ".json")));
        var shape = meta.RootElement.GetProperty("shape");
        float[] values = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(folder, name + ".f32"))).ToArray();
        return (values, shape[0].GetInt32(), shape[1].GetInt32());
    }

    public static float MaxAbsDifference(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        float worst = 0;
        for (int i = 0; i < expected.Length; i++)
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        return worst;
    }
}
