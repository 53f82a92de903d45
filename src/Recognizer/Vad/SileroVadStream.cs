using Microsoft.ML.OnnxRuntime;

namespace FunAsr.Recognizer.Vad;

/// <summary>
/// One recording's silero state: the recurrent state (v4 h and c, or the v5 state, [2, channels, dim]) and, for v5,
/// the last 64 samples of each channel's previous window (zeros at the start).
/// </summary>
internal sealed class SileroVadStream : ISpeechProbabilityStream
{
    private static readonly string[] s_v4Outputs = ["output", "hn", "cn"];
    private static readonly string[] s_v5Outputs = ["output", "stateN"];
    private readonly SileroVadModel _model;
    private readonly int _channels;
    private readonly int _inputWidth;
    private readonly float[] _input;
    private readonly float[] _state;
    private readonly float[] _cell;
    private readonly long[] _sampleRate = [SileroVadModel.SampleRateHz];

    public SileroVadStream(SileroVadModel model, int channels)
    {
        _model = model;
        _channels = channels;
        _inputWidth = SileroVadModel.Window + (model.Version >= 5 ? SileroVadModel.V5Context : 0);
        _input = new float[channels * _inputWidth];
        _state = new float[2 * channels * model.StateDim];
        _cell = model.Version >= 5 ? [] : new float[2 * channels * model.StateDim];
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

        var memory = OrtMemoryInfo.DefaultInstance;
        long[] stateShape = [2, _channels, _model.StateDim];
        using var input = OrtValue.CreateTensorValueFromMemory(memory, _input.AsMemory(), [_channels, _inputWidth]);
        using var sampleRate = OrtValue.CreateTensorValueFromMemory(memory, _sampleRate.AsMemory(), []);
        using var state = OrtValue.CreateTensorValueFromMemory(memory, _state.AsMemory(), stateShape);
        using var cell = _model.Version >= 5 ? null : OrtValue.CreateTensorValueFromMemory(memory, _cell.AsMemory(), stateShape);
        using var outputs = cell is null
            ? _model.Session.Run([("input", input), ("state", state), ("sr", sampleRate)], s_v5Outputs)
            : _model.Session.Run([("input", input), ("sr", sampleRate), ("h", state), ("c", cell)], s_v4Outputs);
        outputs[0].GetTensorDataAsSpan<float>()[.._channels].CopyTo(probabilities);
        outputs[1].GetTensorDataAsSpan<float>().CopyTo(_state);
        if (cell is not null)
        {
            outputs[2].GetTensorDataAsSpan<float>().CopyTo(_cell);
        }
    }
}
