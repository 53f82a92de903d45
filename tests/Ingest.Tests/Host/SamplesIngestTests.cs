using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Sources.Folder;
using FunAsr.Ingest.Store;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunAsr.Ingest.Tests.Host;

/// <summary>
/// The quick start's main job: the committed <c>samples/</c> ingested with the bundled demo model and the rule pack;
/// the store's search then finds a phone number and a Chinese phrase said in the calls, in the segment that said them.
/// </summary>
public sealed class SamplesIngestTests
{
    [Fact]
    public async Task The_samples_ingested_with_the_demo_model_are_found_by_a_phone_number_and_a_Chinese_phrase()
    {
        var settings = TestSettings.For(SpeechFixtures.TempDirectory());
        settings.Sources = [new FolderSourceOptions { Path = RepoPaths.Of("samples"), StableSeconds = 0 }];
        settings.Recognizer.ModelDir = RepoPaths.Of("models", "demo-callcentre");
        using (var services = new IngestServices(settings, NullLoggerFactory.Instance))
        {
            await services.CreateRunner().RunAsync(once: true, CancellationToken.None);
            Assert.Equal(4, services.Ledger.Counts().ByState[LedgerState.Stored]);
        }

        var store = new EmbeddedStore(settings.StorePath);
        var search = new StoreSearch(store);
        Assert.Equal(4, store.CountRecordings());

        var phone = Assert.Single(search.Search(new StoreQuery("15901234567", [], null, 10)));
        Assert.Equal(("voicemail-zh.wav", 0), (Path.GetFileName(phone.SourcePath), phone.Channel));
        Assert.NotNull(phone.Start);
        var refund = Assert.Single(search.Search(new StoreQuery("我要退款", [], null, 10)));
        Assert.Equal(("CN-20240611-0042", 1), (refund.CallId, refund.Channel));
    }
}
