using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using FunAsr.Ingest.Events;

namespace FunAsr.Ingest.Cli;

/// <summary>
/// <c>extract</c>'s filter mode on several cores. The calling thread reads lines into batches, one batch per read of
/// the input; workers, each with its own <see cref="EventExtraction"/> (made on the worker's thread when its first
/// batch comes, so a short input does not wait for workers it never needs), enrich whole batches; one writer thread
/// writes the batches out in input order. A batch is written as soon as it and every batch before it are done, so
/// everything read before the input goes idle comes out without waiting for more input, as the one-worker loop
/// flushes before each read: a pipe never stalls. With <c>--flush line</c> every line is written by itself. At most a
/// few batches per worker are in flight; past that the reader waits for the writer, so a slow consumer slows the
/// reading instead of filling memory.
/// </summary>
internal sealed class ParallelFilter
{
    private readonly Func<EventExtraction> _newExtraction;
    private readonly int _workers;
    private readonly bool _flushEveryLine;
    private readonly BlockingCollection<Batch> _free = [];
    private readonly BlockingCollection<Batch> _work = [];
    private readonly BlockingCollection<Batch> _ordered = [];
    private readonly CancellationTokenSource _failed = new();
    private ExceptionDispatchInfo? _failure;

    /// <param name="newExtraction">Makes one worker's extraction (not thread-safe, so one each), called on that worker's thread.</param>
    /// <param name="workers">Worker threads, at least 2 (one runs the plain loop instead).</param>
    /// <param name="flushEveryLine">Write each line by itself instead of each batch.</param>
    public ParallelFilter(Func<EventExtraction> newExtraction, int workers, bool flushEveryLine)
    {
        _newExtraction = newExtraction;
        _workers = workers;
        _flushEveryLine = flushEveryLine;
        for (var i = 0; i < 2 * workers + 2; i++)
        {
            _free.Add(new Batch());
        }
    }

    /// <summary>Reads <paramref name="input"/> to its end (or until <paramref name="ct"/>) and writes every enriched line to <paramref name="output"/>.</summary>
    public void Run(Stream input, Stream output, int maxLineBytes, CancellationToken ct)
    {
        var threads = new List<Thread>();
        for (var i = 0; i < _workers; i++)
        {
            threads.Add(Start($"extract worker {i + 1}", Work));
        }
        var writer = Start("extract writer", () => Write(output));
        try
        {
            Read(input, maxLineBytes, ct);
        }
        catch (OperationCanceledException) when (_failed.IsCancellationRequested)
        {
            // The writer or a worker failed; its error is thrown below.
        }
        finally
        {
            _work.CompleteAdding();
            _ordered.CompleteAdding();
            writer.Join();
            threads.ForEach(t => t.Join());
        }
        _failure?.Throw();
    }

    private static Thread Start(string name, Action run)
    {
        var thread = new Thread(() => run()) { Name = name, IsBackground = true };
        thread.Start();
        return thread;
    }

    private void Read(Stream input, int maxLineBytes, CancellationToken ct)
    {
        var batch = _free.Take(_failed.Token);
        void Submit()
        {
            if (batch.Lines.Count > 0)
            {
                _ordered.Add(batch);
                _work.Add(batch);
                batch = _free.Take(_failed.Token);
            }
        }
        var reader = new BoundedLineReader(input, maxLineBytes) { BeforeBlockingRead = Submit };
        while (!ct.IsCancellationRequested && reader.TryReadLine(out var line, out var overLimit))
        {
            batch.Add(line, reader.LineNumber, overLimit);
        }
        Submit();
    }

    private void Work()
    {
        EventExtraction? extraction = null;
        foreach (var batch in _work.GetConsumingEnumerable())
        {
            try
            {
                if (!_failed.IsCancellationRequested)
                {
                    extraction ??= _newExtraction();
                    batch.Enrich(extraction);
                }
            }
            catch (Exception e)
            {
                Fail(e);
            }
            finally
            {
                batch.Done.Set();
            }
        }
    }

    private void Write(Stream output)
    {
        try
        {
            foreach (var batch in _ordered.GetConsumingEnumerable())
            {
                batch.Done.Wait();
                if (_failed.IsCancellationRequested)
                {
                    continue;
                }
                batch.WriteTo(output, _flushEveryLine);
                batch.Clear();
                _free.Add(batch);
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void Fail(Exception e)
    {
        Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
        _failed.Cancel();
    }

    /// <summary>Lines read together (copied out of the reader's buffer), then their enriched output.</summary>
    private sealed class Batch
    {
        private readonly ArrayBufferWriter<byte> _input = new(64 * 1024);
        private readonly ArrayBufferWriter<byte> _output = new(512 * 1024);
        private readonly List<int> _lineEnds = [];

        public List<(int Start, int Length, long Number, long OverLimit)> Lines { get; } = [];

        public ManualResetEventSlim Done { get; } = new();

        public void Add(ReadOnlySpan<byte> line, long number, long overLimit)
        {
            Lines.Add((_input.WrittenCount, line.Length, number, overLimit));
            _input.Write(line);
        }

        public void Enrich(EventExtraction extraction)
        {
            foreach (var (start, length, number, overLimit) in Lines)
            {
                extraction.WriteLine(_input.WrittenSpan.Slice(start, length), number, overLimit, _output);
                _lineEnds.Add(_output.WrittenCount);
            }
        }

        public void WriteTo(Stream output, bool eachLine)
        {
            if (!eachLine)
            {
                output.Write(_output.WrittenSpan);
                output.Flush();
                return;
            }
            var start = 0;
            foreach (var end in _lineEnds)
            {
                if (end > start)
                {
                    output.Write(_output.WrittenSpan[start..end]);
                    output.Flush();
                }
                start = end;
            }
        }

        public void Clear()
        {
            _input.ResetWrittenCount();
            _output.ResetWrittenCount();
            Lines.Clear();
            _lineEnds.Clear();
            Done.Reset();
        }
    }
}
