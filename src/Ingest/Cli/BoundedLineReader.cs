namespace FunAsr.Ingest.Cli;

/// <summary>
/// Reads LF-terminated lines (a trailing CR is dropped) from a byte stream, holding at most
/// <c>maxLineBytes</c> of one line: a longer line is read past, not kept, and reported with its length.
/// <see cref="BeforeBlockingRead"/> runs before every read of the stream, so a caller that flushes there never holds
/// output back while it waits for input: a pipe never stalls, and a fast input is written in large batches.
/// </summary>
internal sealed class BoundedLineReader(Stream input, int maxLineBytes)
{
    private byte[] _buffer = new byte[Math.Min(maxLineBytes + 1, 64 * 1024)];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>Runs before each read of the input (which may block).</summary>
    public Action? BeforeBlockingRead { get; init; }

    /// <summary>The number of the line last returned, from 1.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// The next line, without its terminator. False at the end of the input. When the line is longer than the limit,
    /// <paramref name="line"/> is empty and <paramref name="overLimitBytes"/> holds its length.
    /// </summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out long overLimitBytes)
    {
        overLimitBytes = 0;
        var scanned = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = scanned + newline;
                line = Trim(_buffer.AsSpan(_start, length));
                _start += length + 1;
                LineNumber++;
                return true;
            }
            scanned = _end - _start;
            if (scanned > maxLineBytes)
            {
                overLimitBytes = SkipRestOfLine();
                line = [];
                LineNumber++;
                return true;
            }
            if (_eof || !Fill())
            {
                if (_end == _start)
                {
                    line = [];
                    return false;
                }
                line = Trim(_buffer.AsSpan(_start, _end - _start));
                _start = _end;
                LineNumber++;
                return true;
            }
        }
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;

    /// <summary>Reads more into the buffer (moving the partial line to the front or growing it); false at end of input.</summary>
    private bool Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, maxLineBytes + 1L));
        }
        BeforeBlockingRead?.Invoke();
        var read = input.Read(_buffer, _end, _buffer.Length - _end);
        _eof = read == 0;
        _end += read;
        return !_eof;
    }

    private long SkipRestOfLine()
    {
        long skipped = _end - _start;
        _start = _end = 0;
        while (true)
        {
            BeforeBlockingRead?.Invoke();
            var read = input.Read(_buffer, 0, _buffer.Length);
            if (read == 0)
            {
                _eof = true;
                return skipped;
            }
            var newline = _buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start = newline + 1;
                _end = read;
                return skipped + newline;
            }
            skipped += read;
        }
    }
}
