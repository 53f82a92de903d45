using Microsoft.ML.OnnxRuntime;

namespace FunAsr.Recognizer.Vad;

/// <summary>
/// One recording's silero state: the recurrent state (v4 h and c, or the v5 state, [2, channels, dim]) and, for v5,
/// the last 64 samples of each channel's previous window (zeros at the start). Every tensor is an <see cref="OrtValue"/>
/// over a buffer of this stream, bound once: two bindings whose state inputs and outputs are crossed take turns, so a
/// window's new state is the next window's input without a copy, and scoring a window allocates nothing.
/// </summary>
internal sealed class SileroVadStream : ISpeechProbabilityStream
{
    private readonly SileroVadModel _model;
    private readonly int _channels;
    private readonly int _inputWidth;
    private readonly float[] _input;
    private readonly float[] _probabilities;
    private readonly List<OrtValue> _values = [];
    private readonly OrtIoBinding[] _bindings = new OrtIoBinding[2];
    private readonly RunOptions _runOptions = new();
    private int _turn;

    public SileroVadStream(SileroVadModel model, int channels)
    {
        _model = model;
        _channels = channels;
        _inputWidth = SileroVadModel.Window + (model.Version >= 5 ? SileroVadModel.V5Context : 0);
        _input = new float[channels * _inputWidth];
        _probabilities = new float[channels];
        var stateLength = 2 * channels * model.StateDim;

        // v5: state A, state B; v4: h A, h B, c A, c B.
        var buffers = Enumerable.Range(0, model.Version >= 5 ? 2 : 4).Select(_ => new float[stateLength]).ToArray();
        try
        {
            long[] stateShape = [2, channels, model.StateDim];
            var input = Value(_input, [channels, _inputWidth]);
            var sampleRate = Value(new long[] { SileroVadModel.SampleRateHz }, []);
            var output = Value(_probabilities, [channels, 1]);
            var states = buffers.Select(s => Value(s, stateShape)).ToArray();
            for (var turn = 0; turn < 2; turn++)
            {
                var binding = _model.Session.CreateIoBinding();
                _bindings[turn] = binding;
                binding.BindInput("input", input);
                if (model.TakesSampleRate)
                {
                    binding.BindInput("sr", sampleRate);
                }

                binding.BindOutput("output", output);
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
        var window = SileroVadModel.Window;
        var context = _inputWidth - window;
        for (var ch = 0; ch < _channels; ch++)
        {
            var row = _input.AsSpan(ch * _inputWidth, _inputWidth);
            if (context > 0)
            {
                row[window..].CopyTo(row[..context]);
            }

            windows.Slice(ch * window, window).CopyTo(row[context..]);
        }

        _model.Session.RunWithBinding(_bindings[_turn], _runOptions);
        _turn = 1 - _turn;
        _probabilities.CopyTo(probabilities);
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

    /// <summary>A tensor over <paramref name="buffer"/> (pinned while the value lives), disposed with the stream.</summary>
    private OrtValue Value<T>(T[] buffer, long[] shape)
        where T : unmanaged
    {
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(), shape);
        _values.Add(value);
        return value;
    }
}
