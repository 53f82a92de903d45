using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Tests.Models;

namespace FunAsr.Recognizer.Tests.Decoding;

public sealed class TokenTableTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tokens-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Load_reads_the_tiny_model_tokens_txt_and_tokens_json_alike()
    {
        var text = TokenTable.Load(Path.Combine(TinyModel.Directory, "tokens.txt"));
        var json = TokenTable.Load(Path.Combine(TinyModel.FunAsrDirectory, "tokens.json"));

        Assert.Equal(TinyModel.VocabSize, text.Count);
        Assert.Equal(Enumerable.Range(0, text.Count).Select(i => text[i]), Enumerable.Range(0, json.Count).Select(i => json[i]));
        Assert.Equal("<|zh|>", text[3]);
        Assert.True(text.TryGetId("▁hello", out _));
        Assert.True(text.IsSpecial(0));
        Assert.False(text.IsSpecial(15));
    }

    [Fact]
    public void A_duplicate_id_names_the_file_and_line()
    {
        var path = Write("<blk> 0\na 1\nb 1\n");

        var error = Assert.Throws<ModelLoadException>(() => TokenTable.Load(path));

        Assert.StartsWith($"{path}:3: id 1 is used twice ('a' and 'b')", error.Message);
    }

    [Fact]
    public void A_line_without_an_id_names_the_file_and_line()
    {
        var path = Write("<blk> 0\nhello\n");

        var error = Assert.Throws<ModelLoadException>(() => TokenTable.Load(path));

        Assert.StartsWith($"{path}:2: expected '<piece> <id>'", error.Message);
    }

    [Fact]
    public void A_gap_in_the_ids_is_an_error()
    {
        var error = Assert.Throws<ModelLoadException>(() => TokenTable.Load(Write("<blk> 0\na 2\n")));

        Assert.Contains("without gaps", error.Message);
    }

    [Fact]
    public void A_missing_file_says_what_a_model_directory_needs()
    {
        var error = Assert.Throws<ModelLoadException>(() => TokenTable.Load(Path.Combine(_dir, "tokens.txt")));

        Assert.Contains("tokens.txt or tokens.json", error.Message);
    }

    private string Write(string content)
    {
        var path = Path.Combine(_dir, "tokens.txt");
        File.WriteAllText(path, content);
        return path;
    }
}
