namespace FunAsr.Recognizer.Vad;

/// <summary>
/// Turns one channel's per-window speech probabilities into <see cref="SpeechSpan"/>s, as silero-vad's
/// <c>get_speech_timestamps</c> does but streaming: speech starts in a window at or above the threshold; once in
/// speech, a window below the exit threshold starts a pause, and a pause of <see cref="VadOptions.MinSilence"/> ends the
/// segment at the pause's start; segments shorter than <see cref="VadOptions.MinSpeech"/> are dropped; a segment that
/// would exceed <see cref="VadOptions.MaxSegment"/> is cut at the longest pause seen inside it (or at the limit);
/// each segment is padded by <see cref="VadOptions.SpeechPad"/> on both sides without overlapping its neighbours.
/// A span is emitted as soon as it is final, so a caller holds at most one segment of audio.
/// </summary>
internal sealed class SpeechSegmenter
{
    private readonly float _threshold;
    private readonly float _exitThreshold;
    private readonly long _minSpeech;
    private readonly long _minSilence;
    private readonly long _pad;
    private readonly long _maxSpeech;
    private readonly long _minPauseAtMax;
    private readonly int _window;
    private readonly List<(long Start, long Length)> _pauses = [];
    private long _position;
    private bool _inSpeech;
    private long _speechStart;
    private long _pauseStart = -1;
    private long _emittedEnd;

    public SpeechSegmenter(VadOptions options, int sampleRateHz, int windowSamples)
    {
        options.Validate();
        _threshold = options.Threshold;
        _exitThreshold = options.EffectiveExitThreshold;
        _minSpeech = Samples(options.MinSpeech, sampleRateHz);
        _minSilence = Samples(options.MinSilence, sampleRateHz);
        _pad = Samples(options.SpeechPad, sampleRateHz);
        _maxSpeech = Samples(options.MaxSegment, sampleRateHz) - 2 * _pad;
        _minPauseAtMax = Samples(options.MinPauseAtMaxSpeech, sampleRateHz);
        _window = windowSamples;
    }

    /// <summary>Samples consumed so far (the start of the next window).</summary>
    public long Position => _position;

    /// <summary>The first sample a future span can start at; audio before it is no longer needed.</summary>
    public long EarliestNeededSample => Math.Max(_emittedEnd, (_inSpeech ? _speechStart : _position) - _pad);

    /// <summary>Feeds the probability of the next window; returns the spans that became final (usually none).</summary>
    public IReadOnlyList<SpeechSpan> Push(float probability)
    {
        var cur = _position;
        var now = cur + _window;
        _position = now;
        List<SpeechSpan>? done = null;
        if (probability >= _threshold)
        {
            if (_pauseStart >= 0)
            {
                if (cur - _pauseStart >= _minPauseAtMax)
                {
                    _pauses.Add((_pauseStart, cur - _pauseStart));
                }

                _pauseStart = -1;
            }

            if (!_inSpeech)
            {
                _inSpeech = true;
                _speechStart = cur;
                return [];
            }
        }

        if (_inSpeech && now - _speechStart > _maxSpeech)
        {
            if (_pauses.Count > 0)
            {
                var longest = _pauses.MaxBy(p => p.Length);
                Emit(ref done, _speechStart, longest.Start, longest.Start + longest.Length / 2);
                _speechStart = longest.Start + longest.Length;
            }
            else
            {
                Emit(ref done, _speechStart, cur, cur);
                _speechStart = cur;
            }

            if (_pauseStart >= 0 && _pauseStart < _speechStart)
            {
                _pauseStart = -1;
            }

            _pauses.Clear();
            return done ?? [];
        }

        if (_inSpeech && probability < _exitThreshold)
        {
            if (_pauseStart < 0)
            {
                _pauseStart = cur;
            }

            if (now - _pauseStart >= _minSilence)
            {
                if (_pauseStart - _speechStart >= _minSpeech)
                {
                    Emit(ref done, _speechStart, _pauseStart, now);
                }

                _inSpeech = false;
                _pauseStart = -1;
                _pauses.Clear();
            }
        }

        return done ?? [];
    }

    /// <summary>Ends the stream at <paramref name="totalSamples"/> and returns the open segment, if any.</summary>
    public IReadOnlyList<SpeechSpan> Finish(long totalSamples)
    {
        List<SpeechSpan>? done = null;
        if (_inSpeech)
        {
            var end = Math.Min(_pauseStart >= 0 ? _pauseStart : totalSamples, totalSamples);
            if (end - _speechStart >= _minSpeech)
            {
                Emit(ref done, _speechStart, end, totalSamples);
            }

            _inSpeech = false;
            _pauseStart = -1;
            _pauses.Clear();
        }

        return done ?? [];
    }

    private void Emit(ref List<SpeechSpan>? done, long speechStart, long speechEnd, long padLimit)
    {
        var start = Math.Max(Math.Max(0, speechStart - _pad), _emittedEnd);
        var end = Math.Max(start, Math.Min(speechEnd + _pad, padLimit));
        _emittedEnd = end;
        (done ??= []).Add(new SpeechSpan(start, end, speechStart, speechEnd));
    }

    private static long Samples(TimeSpan duration, int sampleRateHz) => (long)Math.Round(duration.TotalSeconds * sampleRateHz);
}
