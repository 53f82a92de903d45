using FunAsr.Recognizer.Onnx;
using FunAsr.Recognizer.Tests.Models;

namespace FunAsr.Recognizer.Tests.Onnx;

[CollectionDefinition(nameof(OrtLeakTests), DisableParallelization = true)]
public sealed class OrtLeakCollection;

/// <summary>Runs alone (no other test creates ORT objects meanwhile), since it counts process-wide handles.</summary>
[Collection(nameof(OrtLeakTests))]
public sealed class OrtLeakTests
{
    private const int Cycles = 1000;
    private const int WarmUp = 200;

    [Fact]
    public void A_thousand_create_run_dispose_cycles_release_every_handle_and_keep_memory_and_fds_flat()
    {
        var runtime = OrtRuntime.Load();
        var features = TinyModel.Features("你", null, "好");
        var liveBefore = OrtHandle.LiveCount;
        long rssAfterWarmUp = 0;
        var fdsAfterWarmUp = 0;
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            using (var session = OrtSessionTests.OpenTiny())
            using (var x = OrtValue.CreateTensor<float>(runtime, features, [1, 3, 560]))
            using (var length = OrtValue.CreateTensor<int>(runtime, new[] { 3 }, [1]))
            using (var language = OrtValue.CreateTensor<int>(runtime, new[] { 0 }, [1]))
            using (var textNorm = OrtValue.CreateTensor<int>(runtime, new[] { 15 }, [1]))
            {
                var outputs = session.Run([("x", x), ("x_length", length), ("language", language), ("text_norm", textNorm)], ["logits"]);
                Assert.Equal(7 * 27, outputs[0].Data<float>().Length);
                foreach (var output in outputs)
                {
                    output.Dispose();
                }
            }

            if (cycle == WarmUp)
            {
                rssAfterWarmUp = ResidentBytes();
                fdsAfterWarmUp = OpenFileDescriptors();
            }
        }

        Assert.Equal(liveBefore, OrtHandle.LiveCount);
        Assert.InRange(OpenFileDescriptors() - fdsAfterWarmUp, -5, 5);
        var growthMb = (ResidentBytes() - rssAfterWarmUp) / (1024.0 * 1024.0);
        Assert.True(growthMb < 32, $"RSS grew by {growthMb:F1} MB over {Cycles - WarmUp} cycles");
    }

    private static int OpenFileDescriptors() => Directory.GetFiles("/proc/self/fd").Length;

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
}
