using System.Text;

namespace FunAsr.Recognizer.Decoding.Qwen;

/// <summary>
/// Turns a stream of token byte strings into text one token at a time: bytes that end inside a UTF-8 character wait
/// for the next token; bytes that can never form a character become U+FFFD (sherpa-onnx's per-token strings).
/// </summary>
internal sealed class Utf8TokenJoiner
{
    private static readonly Encoding s_strict = new UTF8Encoding(false, false);
    private readonly Decoder _decoder = s_strict.GetDecoder();
    private readonly char[] _chars = new char[64];

    /// <summary>The text completed by <paramref name="tokenBytes"/> (possibly empty while a character is split).</summary>
    public string Append(ReadOnlySpan<byte> tokenBytes)
    {
        var count = _decoder.GetCharCount(tokenBytes, flush: false);
        var chars = count <= _chars.Length ? _chars : new char[count];
        var written = _decoder.GetChars(tokenBytes, chars, flush: false);
        return new string(chars, 0, written);
    }

    /// <summary>What is left of a split character at the end, as U+FFFD.</summary>
    public string Flush()
    {
        var count = _decoder.GetCharCount([], flush: true);
        var chars = new char[count];
        _decoder.GetChars([], chars, flush: true);
        return new string(chars);
    }
}
