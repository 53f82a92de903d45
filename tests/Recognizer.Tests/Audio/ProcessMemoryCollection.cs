namespace FunAsr.Recognizer.Tests.Audio;

/// <summary>
/// Tests that measure the whole process's managed heap run alone: other test classes allocating in parallel would be
/// counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    public const string Name = "process memory";
}
