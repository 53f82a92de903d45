namespace FunAsr.Extractors.Tests.Rules;

public sealed class RuleSetWatcherTests
{
    [Fact]
    public void A_failed_reload_keeps_the_last_good_set_and_a_fixed_one_replaces_it()
    {
        var dir = Directory.CreateTempSubdirectory("watch-").FullName;
        var file = Path.Combine(dir, "r.yaml");
        File.WriteAllText(file, "rules:\n  - id: n\n    match: \"%{INT:n}\"\n");
        using var watcher = new RuleSetWatcher(dir, TimeSpan.FromHours(1));
        var good = watcher.Current;
        RuleFileException? failure = null;
        watcher.ReloadFailed += e => failure = e;

        File.WriteAllText(file, "rules:\n  - id: n\n    match: \"%{NOPE:n}\"\n");
        Assert.False(watcher.Reload());
        Assert.Same(good, watcher.Current);
        Assert.Contains("%{NOPE}", failure!.Message);

        File.WriteAllText(file, "rules:\n  - id: w\n    match: \"%{WORD:w}\"\n");
        Assert.True(watcher.Reload());
        Assert.Equal("w", Assert.Single(watcher.Current.Rules).Id);
    }
}
