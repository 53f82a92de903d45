using FunAsr.Tests.Support;

namespace FunAsr.Extractors.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void Public_surface_matches_the_committed_listing() =>
        PublicApiListing.Verify(typeof(RuleSet).Assembly, RepoPaths.Of("tests", "Extractors.Tests", "PublicApi", "FunAsr.Extractors.txt"),
            "FullyQualifiedName~FunAsr.Extractors.Tests.PublicApi");
}
