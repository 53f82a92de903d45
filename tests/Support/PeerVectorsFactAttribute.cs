using Xunit;

namespace FunAsr.Tests.Support;

/// <summary>
/// A fact over the peer vectors in ../shared: reported as skipped, with where it looked, when they are not checked
/// out, so a run without them never counts the suite as passed.
/// </summary>
public sealed class PeerVectorsFactAttribute : FactAttribute
{
    public PeerVectorsFactAttribute(params string[] parts)
    {
        if (!RepoPaths.TryShared(out string directory, parts))
        {
            Skip = RepoPaths.SkippedBecauseSharedIsMissing(directory);
        }
    }
}
