using System.Buffers.Binary;
using System.Text;

namespace FunAsr.Recognizer.Audio;

/// <summary>
/// Our own RIFF/WAVE reader. It walks the chunk list (skipping LIST, fact, cue… and the pad byte after odd-sized
/// chunks), parses <c>fmt </c> via <see cref="WavFormat"/>, then streams the <c>data</c> chunk block by block.
/// A data size of 0 or 0xFFFFFFFF (written by recorders and by ffmpeg on a pipe), or sox's pipe placeholder
/// 0x7FFFF000, means "until the end of the stream".
/// </summary>
internal sealed class WavReader : IPcmReader
{
    private const int BlockBytes = 64 * 1024;
    private const uint StreamingSize = 0xFFFFFFFF;
    private const uint SoxPipeSize = 0x7FFFF000;

    /// <summary>Largest <c>fmt </c> chunk read: the biggest real one (WAVE_FORMAT_EXTENSIBLE) is 40 bytes.</summary>
    private const uint MaxFormatChunkBytes = 1024;

    private readonly Stream _stream;
    private readonly string _path;
    private readonly WavFormat _format;
    private readonly byte[] _buffer;
    private long _bytesLeft;

    private WavReader(Stream stream, string path, WavFormat format, long? dataBytes)
    {
        _stream = stream;
        _path = path;
        _format = format;
        _bytesLeft = dataBytes ?? long.MaxValue;
        FrameCount = dataBytes / format.BlockAlign;
        _buffer = new byte[Math.Max(format.BlockAlign, BlockBytes / format.BlockAlign * format.BlockAlign)];
    }

    /// <inheritdoc />
    public int SampleRateHz => _format.SampleRateHz;

    /// <inheritdoc />
    public int ChannelCount => _format.ChannelCount;

    /// <inheritdoc />
    public long? FrameCount { get; }

    /// <summary>The parsed format.</summary>
    public WavFormat Format => _format;

    /// <summary>
    /// Parses the header of <paramref name="stream"/> (positioned at byte 0) and leaves it at the first sample.
    /// Takes ownership of the stream. Throws <see cref="AudioFormatException"/> naming <paramref name="path"/>.
    /// </summary>
    public static WavReader Open(Stream stream, string path)
    {
        try
        {
            return ParseHeader(stream, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>True when <paramref name="head"/> (the first 12 bytes of a file) is a RIFF/WAVE header.</summary>
    public static bool IsRiffWave(ReadOnlySpan<byte> head) =>
        head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8);

    /// <inheritdoc />
    public int Read(float[][] destination, int offset, int maxFrames)
    {
        int align = _format.BlockAlign;
        int wantBytes = (int)Math.Min(Math.Min((long)maxFrames * align, _buffer.Length / align * align), _bytesLeft);
        wantBytes -= wantBytes % align;
        if (wantBytes == 0)
            return 0;
        int got = _stream.ReadAtLeast(_buffer.AsSpan(0, wantBytes), wantBytes, throwOnEndOfStream: false);
        int frames = got / align;
        _bytesLeft = frames * align < wantBytes ? 0 : _bytesLeft - got;
        WavSampleDecoder.Decode(_format, _buffer, frames, destination, offset);
        return frames;
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private static WavReader ParseHeader(Stream stream, string path)
    {
        AudioFormatException Fail(string problem) => new(path, problem);
        Span<byte> head = stackalloc byte[12];
        int read = stream.ReadAtLeast(head, 12, throwOnEndOfStream: false);
        if (read == 0)
            throw Fail("the file is empty; a WAV file starts with a 44-byte RIFF header");
        if (read >= 4 && !head[..4].SequenceEqual("RIFF"u8))
            throw Fail($"not a WAV file: expected 'RIFF' at byte 0, found {Describe(head[..read])}");
        if (read < 12)
            throw Fail($"truncated: the file ends after {read} bytes, inside the RIFF header");
        if (!head[8..12].SequenceEqual("WAVE"u8))
            throw Fail($"not a WAV file: RIFF form type is {Describe(head[8..12])}, expected 'WAVE'");

        long position = 12;
        long? length = stream.CanSeek ? stream.Length : null;
        WavFormat? format = null;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (true)
        {
            read = stream.ReadAtLeast(chunkHeader, 8, throwOnEndOfStream: false);
            if (read < 8)
                throw Fail(format is null
                    ? $"truncated: no 'fmt ' chunk before the end of the file at byte {position + read}"
                    : $"truncated: no 'data' chunk before the end of the file at byte {position + read}");
            position += 8;
            string id = Encoding.ASCII.GetString(chunkHeader[..4]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            if (id == "data")
            {
                if (format is null)
                    throw Fail($"the 'data' chunk at byte {position - 8} comes before any 'fmt ' chunk");
                long? dataBytes = size is 0 or StreamingSize or SoxPipeSize ? null : size;
                if (dataBytes is { } declared && length is { } total && position + declared > total)
                    throw Fail($"truncated: the 'data' chunk declares {declared} bytes but only {total - position} follow");
                return new WavReader(stream, path, format, dataBytes);
            }

            if (id == "fmt " && size > MaxFormatChunkBytes)
                throw Fail($"the 'fmt ' chunk at byte {position - 8} declares {size} bytes; a real one has at most {MaxFormatChunkBytes}");
            long padded = size + (size & 1);
            if (length is { } fileLength && position + size > fileLength)
                throw Fail($"truncated: chunk '{id}' at byte {position - 8} declares {size} bytes but the file ends at byte {fileLength}");
            if (id == "fmt ")
            {
                var body = new byte[padded];
                int got = stream.ReadAtLeast(body, (int)padded, throwOnEndOfStream: false);
                if (got < size)
                    throw Fail($"truncated: the 'fmt ' chunk declares {size} bytes but the file ends after {got}");
                format = WavFormat.Parse(body.AsSpan(0, (int)size), Fail);
            }
            else
            {
                Skip(stream, padded);
            }

            position += padded;
        }
    }

    private static void Skip(Stream stream, long bytes)
    {
        if (stream.CanSeek)
        {
            stream.Seek(bytes, SeekOrigin.Current);
            return;
        }

        Span<byte> sink = stackalloc byte[4096];
        while (bytes > 0)
        {
            int got = stream.Read(sink[..(int)Math.Min(bytes, sink.Length)]);
            if (got == 0)
                return;
            bytes -= got;
        }
    }

    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        bool printable = true;
        foreach (byte b in bytes)
            printable &= b is >= 0x20 and < 0x7F;
        return printable
            ? $"'{Encoding.ASCII.GetString(bytes)}' (text?)"
            : Convert.ToHexString(bytes);
    }
}
