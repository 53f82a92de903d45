using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace FunAsr.Bench;

/// <summary>
/// 3 warm-ups and 10 measured iterations, run inside this process: BenchmarkDotNet's generated boilerplate project
/// does not build under this repository's shared artifacts layout (FUNASR_ARTIFACTS), and in-process runs need no build.
/// </summary>
public sealed class InProcessShortJob : ManualConfig
{
    /// <summary>Creates the job.</summary>
    public InProcessShortJob() =>
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10));
}
