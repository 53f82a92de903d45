using FunAsr.Ingest.Api;

namespace FunAsr.Ingest.Tests.Api;

public sealed class ApiKeyAuthenticationTests
{
    [Theory]
    [InlineData("secret-one", true)]
    [InlineData("secret-two", true)]
    [InlineData("secret-on", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_configured_keys_are_accepted(string? presented, bool accepted) =>
        Assert.Equal(accepted, new ApiKeyAuthentication(["secret-one", "secret-two"]).Accepts(presented));
}
