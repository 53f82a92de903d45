using FunAsr.Recognizer.Decoding;

namespace FunAsr.Recognizer.Tests.Decoding;

public sealed class NgramIndexTests
{
    [Fact]
    public void Finds_every_pair_it_was_given_and_nothing_else_as_it_grows()
    {
        var index = new NgramIndex(capacity: 4);
        var random = new Random(7);
        var added = new Dictionary<(int, int), int>();
        while (added.Count < 50_000)
        {
            var (context, word) = (random.Next(0, 200_000), random.Next(0, 1_100));
            var id = added.Count + 1;
            Assert.Equal(added.TryAdd((context, word), id), index.TryAdd(context, word, id));
        }

        Assert.Equal(added.Count, index.Count);
        foreach (var ((context, word), id) in added)
        {
            Assert.True(index.TryGet(context, word, out var found));
            Assert.Equal(id, found);
        }

        for (var i = 0; i < 10_000; i++)
        {
            var (context, word) = (random.Next(0, 200_000), random.Next(0, 1_100));
            Assert.Equal(added.ContainsKey((context, word)), index.Contains(context, word));
        }
    }

    [Fact]
    public void A_pair_added_twice_keeps_its_first_id()
    {
        var index = new NgramIndex();

        Assert.True(index.TryAdd(0, 0, 1));
        Assert.False(index.TryAdd(0, 0, 2));

        Assert.True(index.TryGet(0, 0, out var id));
        Assert.Equal(1, id);
        Assert.False(index.Contains(0, 1));
        Assert.False(index.Contains(1, 0));
    }
}
