namespace FunAsr.Recognizer.Vad.Fsmn;

/// <summary>
/// FunASR's FSMN-VAD post-processing (<c>E2EVadModel</c>, multiple-utterance mode) for one stream of 10 ms frames:
/// a frame is speech when <c>1 − P_sil ≥ P_sil^ratio + speech_noise_thres</c> (as exp(log) of each, like FunASR); a
/// sliding window of <c>window_size_ms</c> turns silence into speech at <c>sil_to_speech_time_thres</c> worth of speech
/// frames and back at <c>speech_to_sil_time_thres</c> or fewer. A segment starts <c>window + lookback</c> frames before
/// it is confirmed (not before audio already given up), ends after <c>max_end_silence_time − speech_to_sil_time_thres</c>
/// of continuous silence, pulled back so it keeps <c>lookahead_time_end_point</c> of it, and is cut at
/// <c>max_single_segment_time</c>. Segments are [start_ms, end_ms). tools/make-funasr-tiny-models.py holds the same
/// machine in Python; its golden output is what the tests compare with.
/// </summary>
internal sealed class FsmnEndpointer
{
    private readonly FsmnEndpointSettings _settings;
    private readonly int[] _window;
    private readonly int _silToSpeech;
    private readonly int _speechToSil;
    private readonly int _maxEndSilenceMs;
    private readonly int _latency;
    private readonly double _maxSegmentFrames;
    private int _windowSum;
    private int _windowPos;
    private bool _windowSpeech;
    private int _silenceRun;
    private int _lastSpeech;
    private int _start = -1;
    private bool _inSpeech;
    private bool _ended;
    private int _dataStart;
    private int _endCount;
    private int _frame;
    private (int StartMs, int EndMs) _open;

    public FsmnEndpointer(FsmnEndpointSettings settings)
    {
        _settings = settings;
        _window = new int[settings.WindowMs / settings.FrameMs];
        _silToSpeech = settings.SilToSpeechMs / settings.FrameMs;
        _speechToSil = settings.SpeechToSilMs / settings.FrameMs;
        _maxEndSilenceMs = settings.MaxEndSilenceMs - settings.SpeechToSilMs;
        _latency = _window.Length + (settings.Extend ? settings.LookbackStartMs / settings.FrameMs : 0);
        _maxSegmentFrames = (double)settings.MaxSingleSegmentMs / settings.FrameMs;
    }

    /// <summary>Frames consumed so far.</summary>
    public int Frames => _frame;

    /// <summary>The first frame a segment not yet ended can start at; audio before it is no longer needed.</summary>
    public int EarliestNeededFrame => _inSpeech ? _open.StartMs / _settings.FrameMs : Math.Max(_dataStart, _frame - _latency);

    /// <summary>Feeds the next frame's silence probability (strictly inside (0, 1)); returns the segment it ended, if any.</summary>
    public (int StartMs, int EndMs)? Push(double silenceProbability, bool final)
    {
        var frame = _frame++;
        (int, int)? ended = null;
        var noise = Math.Log(silenceProbability) * _settings.Speech2NoiseRatio;
        var speech = Math.Log(1.0 - silenceProbability);
        var change = Window(Math.Exp(speech) >= Math.Exp(noise) + _settings.SpeechNoiseThreshold);
        switch (change)
        {
            case Change.SilenceToSpeech:
                _silenceRun = 0;
                if (!_inSpeech)
                {
                    _start = Math.Max(_dataStart, frame - _latency);
                    _open = (_start * _settings.FrameMs, _start * _settings.FrameMs);
                    Emit(_start);
                    _inSpeech = true;
                    for (var t = _start + 1; t <= frame; t++)
                    {
                        Voice(t);
                    }
                }
                else
                {
                    for (var t = _lastSpeech + 1; t < frame; t++)
                    {
                        Voice(t);
                    }

                    ended = ContinueSpeech(frame, final);
                }

                break;
            case Change.SpeechToSilence or Change.SpeechToSpeech:
                _silenceRun = 0;
                if (_inSpeech)
                {
                    ended = ContinueSpeech(frame, final);
                }

                break;
            default:
                _silenceRun++;
                if (!_inSpeech)
                {
                    if (final && _endCount == 0)
                    {
                        _endCount++;
                        _ended = true;
                    }
                    else if (frame >= _latency)
                    {
                        _dataStart = Math.Max(_dataStart, frame - _latency);
                    }
                }
                else if (_silenceRun * _settings.FrameMs >= _maxEndSilenceMs)
                {
                    var lookback = _maxEndSilenceMs / _settings.FrameMs;
                    if (_settings.Extend)
                    {
                        lookback = Math.Max(0, lookback - _settings.LookaheadEndMs / _settings.FrameMs - 1);
                    }

                    ended = VoiceEnd(frame - lookback);
                }
                else if (TooLong(frame))
                {
                    ended = VoiceEnd(frame);
                }
                else if (_settings.Extend && !final)
                {
                    if (_silenceRun <= _settings.LookaheadEndMs / _settings.FrameMs)
                    {
                        Voice(frame);
                    }
                }
                else if (final)
                {
                    ended = VoiceEnd(frame);
                }

                break;
        }

        if (_ended)
        {
            Reset();
        }

        return ended;
    }

    private enum Change
    {
        SilenceToSpeech,
        SpeechToSilence,
        SpeechToSpeech,
        SilenceToSilence,
    }

    private Change Window(bool speech)
    {
        var value = speech ? 1 : 0;
        _windowSum += value - _window[_windowPos];
        _window[_windowPos] = value;
        _windowPos = (_windowPos + 1) % _window.Length;
        if (!_windowSpeech && _windowSum >= _silToSpeech)
        {
            _windowSpeech = true;
            return Change.SilenceToSpeech;
        }

        if (_windowSpeech && _windowSum <= _speechToSil)
        {
            _windowSpeech = false;
            return Change.SpeechToSilence;
        }

        return _windowSpeech ? Change.SpeechToSpeech : Change.SilenceToSilence;
    }

    private (int, int)? ContinueSpeech(int frame, bool final)
    {
        if (TooLong(frame) || final)
        {
            return VoiceEnd(frame);
        }

        Voice(frame);
        return null;
    }

    private bool TooLong(int frame) => frame - _start + 1 > _maxSegmentFrames;

    private void Voice(int frame)
    {
        _lastSpeech = frame;
        Emit(frame);
    }

    private (int, int) VoiceEnd(int frame)
    {
        for (var t = _lastSpeech + 1; t < frame; t++)
        {
            Voice(t);
        }

        Emit(frame);
        _endCount++;
        _ended = true;
        return _open;
    }

    /// <summary>FunASR's <c>PopDataToOutputBuf</c> for one frame: the open segment now ends after it.</summary>
    private void Emit(int frame)
    {
        _open.EndMs = (frame + 1) * _settings.FrameMs;
        _dataStart = Math.Max(_dataStart, frame) + 1;
    }

    /// <summary>FunASR's <c>ResetDetection</c>: after an end point the window and segment state start over (the audio
    /// position and the count of end points do not).</summary>
    private void Reset()
    {
        Array.Clear(_window);
        _windowSum = 0;
        _windowPos = 0;
        _windowSpeech = false;
        _silenceRun = 0;
        _lastSpeech = 0;
        _start = -1;
        _inSpeech = false;
        _ended = false;
    }
}
