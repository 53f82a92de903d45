using Microsoft.ML.OnnxRuntime;

namespace FunAsr.Recognizer.Vad;

/// <summary>
/// One recording's silero state: the recurrent state (v4 h and c, or the v5 state, [2, channels, dim]) and, for v5,
/// the last 64 samples of each channel's previous window (zeros at the start). Every tensor is an <see cref="OrtValue"/>
/// over a buffer of this stream: two bindings whose state inputs and outputs are crossed take turns, so a run's new
/// state is the next run's input without a copy, and scoring allocates nothing once each batch size has been seen.
/// The 16 kHz file (<see cref="SileroVadModel.ScoresWindowSequences"/>) takes the spectra (<see cref="SileroSpectrum"/>)
/// of up to <see cref="WindowsPerRun"/> consecutive windows per run; the others take one window's samples.
/// </summary>
internal sealed class SileroVadStream : ISpeechProbabilityStream
{
    internal const int WindowsPerRun = VadStream.WindowsPerScore;

    private readonly SileroVadModel _model;
    private readonly int _channels;
    private readonly int _inputWidth;
    private readonly SileroSpectrum? _spectrum;
    private readonly int _windowsPerRun;
    private readonly float[] _input;
    private readonly float[] _logSpectrum;
    private readonly float[] _probabilities;
    private readonly OrtValue?[] _inputs;
    private readonly OrtValue?[] _logInputs;
    private readonly OrtValue?[] _outputs;
    private readonly int[] _boundWindows = new int[2];
    private readonly List<OrtValue> _values = [];
    private readonly OrtIoBinding[] _bindings = new OrtIoBinding[2];
    private readonly RunOptions _runOptions = new();
    private int _turn;

    public SileroVadStream(SileroVadModel model, int channels)
    {
        _model = model;
        _channels = channels;
        _spectrum = model.SpectrumFraming is { } framing ? new SileroSpectrum(framing, SileroVadModel.Window) : null;
        _inputWidth = _spectrum is { } spectrum
            ? spectrum.Bins * SileroSpectrum.FramesPerWindow
            : SileroVadModel.Window + (model.Version >= 5 ? SileroVadModel.V5Context : 0);
        _windowsPerRun = model.ScoresWindowSequences ? WindowsPerRun : 1;
        _input = new float[_windowsPerRun * channels * _inputWidth];
        _logSpectrum = _spectrum is null ? [] : new float[_input.Length];
        _probabilities = new float[_windowsPerRun * channels];
        _inputs = new OrtValue?[_windowsPerRun + 1];
        _logInputs = new OrtValue?[_windowsPerRun + 1];
        _outputs = new OrtValue?[_windowsPerRun + 1];
        var stateLength = 2 * channels * model.StateDim;

        // v5: state A, state B; v4: h A, h B, c A, c B.
        var buffers = Enumerable.Range(0, model.Version >= 5 ? 2 : 4).Select(_ => new float[stateLength]).ToArray();
        try
        {
            long[] stateShape = [2, channels, model.StateDim];
            var sampleRate = Value(new long[] { SileroVadModel.SampleRateHz }, []);
            var states = buffers.Select(s => Value(s, stateShape)).ToArray();
            for (var turn = 0; turn < 2; turn++)
            {
                var binding = _model.Session.CreateIoBinding();
                _bindings[turn] = binding;
                if (model.TakesSampleRate)
                {
                    binding.BindInput("sr", sampleRate);
                }

                var (from, to) = (turn, 1 - turn);
                if (model.Version >= 5)
                {
                    binding.BindInput("state", states[from]);
                    binding.BindOutput("stateN", states[to]);
                }
                else
                {
                    binding.BindInput("h", states[from]);
                    binding.BindOutput("hn", states[to]);
                    binding.BindInput("c", states[2 + from]);
                    binding.BindOutput("cn", states[2 + to]);
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public void Score(ReadOnlySpan<float> windows, Span<float> probabilities)
    {
        var count = probabilities.Length / _channels;
        for (var first = 0; first < count; first += _windowsPerRun)
        {
            var n = Math.Min(_windowsPerRun, count - first);
            Fill(windows.Slice(first * _channels * SileroVadModel.Window, n * _channels * SileroVadModel.Window));
            Run(n);
            _probabilities.AsSpan(0, n * _channels).CopyTo(probabilities[(first * _channels)..]);
        }
    }

    public void Dispose()
    {
        foreach (var binding in _bindings)
        {
            binding?.Dispose();
        }

        foreach (var value in _values)
        {
            value.Dispose();
        }

        _runOptions.Dispose();
    }

    /// <summary>Writes [windows, channels, 512] samples into the input: their spectra and log spectra, [bins, windows,
    /// channels, frames], for the specialized file; else the samples row by row, v5 rows with the previous window's tail
    /// in front (v5 runs one window at a time).</summary>
    private void Fill(ReadOnlySpan<float> windows)
    {
        var window = SileroVadModel.Window;
        var rows = windows.Length / window;
        if (_spectrum is not null)
        {
            // Bin k of row r's frames goes to (k × rows + r) × frames.
            var frames = SileroSpectrum.FramesPerWindow;
            for (var row = 0; row < rows; row++)
            {
                var start = row * frames;
                var length = rows * _inputWidth - start;
                _spectrum.Compute(windows.Slice(row * window, window), _input.AsSpan(start, length), _logSpectrum.AsSpan(start, length), rows * frames);
            }

            return;
        }

        var context = _inputWidth - window;
        for (var row = 0; row < rows; row++)
        {
            var input = _input.AsSpan(row * _inputWidth, _inputWidth);
            if (context > 0)
            {
                input[window..].CopyTo(input[..context]);
            }

            windows.Slice(row * window, window).CopyTo(input[context..]);
        }
    }

    private void Run(int windows)
    {
        var binding = _bindings[_turn];
        if (_boundWindows[_turn] != windows)
        {
            binding.BindInput(_spectrum is null ? "input" : "spectrum", _inputs[windows] ??= Value(_input, InputShape(windows), windows * _channels * _inputWidth));
            if (_spectrum is not null)
            {
                binding.BindInput("log_spectrum", _logInputs[windows] ??= Value(_logSpectrum, InputShape(windows), windows * _channels * _inputWidth));
            }

            binding.BindOutput("output", _outputs[windows] ??= Value(_probabilities, OutputShape(windows), windows * _channels));
            _boundWindows[_turn] = windows;
        }

        _model.Session.RunWithBinding(binding, _runOptions);
        _turn = 1 - _turn;
    }

    private long[] InputShape(int windows) =>
        _spectrum is { } spectrum ? [spectrum.Bins, windows, _channels, SileroSpectrum.FramesPerWindow] : [_channels, _inputWidth];

    private long[] OutputShape(int windows) =>
        _model.ScoresWindowSequences ? [windows, _channels] : [_channels, 1];

    /// <summary>A tensor over the first <paramref name="length"/> elements of <paramref name="buffer"/> (pinned while
    /// the value lives), disposed with the stream.</summary>
    private OrtValue Value<T>(T[] buffer, long[] shape, int? length = null)
        where T : unmanaged
    {
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, length ?? buffer.Length), shape);
        _values.Add(value);
        return value;
    }
}
