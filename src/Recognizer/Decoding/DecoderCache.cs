using System.Collections.Concurrent;

namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// Decoders built for per-call hotword lists, keyed by the list's content (<see cref="HotwordOptions.ContentKey"/>),
/// so a per-inbox list builds its context graph once, not once per recording. Bounded: when
/// <paramref name="capacity"/> lists are held and another arrives, the cache is emptied and refills from what is used
/// (per-upload lists that are all different cannot grow it without bound). Thread-safe; a list is built once even when
/// several calls ask for it at the same time.
/// </summary>
internal sealed class DecoderCache(int capacity)
{
    private readonly ConcurrentDictionary<string, Lazy<UtteranceDecoder>> _decoders = new(StringComparer.Ordinal);

    /// <summary>Lists held now.</summary>
    public int Count => _decoders.Count;

    public UtteranceDecoder GetOrAdd(string key, Func<UtteranceDecoder> build)
    {
        if (_decoders.Count >= capacity && !_decoders.ContainsKey(key))
        {
            _decoders.Clear();
        }

        return _decoders.GetOrAdd(key, _ => new Lazy<UtteranceDecoder>(build)).Value;
    }
}
