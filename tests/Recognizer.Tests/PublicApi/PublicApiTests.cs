using FunAsr.Tests.Support;

namespace FunAsr.Recognizer.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void Public_surface_matches_the_committed_listing() =>
        PublicApiListing.Verify(typeof(Transcriber).Assembly, RepoPaths.Of("tests", "Recognizer.Tests", "PublicApi", "FunAsr.Recognizer.txt"),
            "FullyQualifiedName~FunAsr.Recognizer.Tests.PublicApi");

    [Fact]
    public void Every_public_type_is_in_the_root_namespace() =>
        Assert.Empty(typeof(Transcriber).Assembly.GetExportedTypes().Where(t => t.Namespace != "FunAsr.Recognizer").Select(t => t.FullName));
}
