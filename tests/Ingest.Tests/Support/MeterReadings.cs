using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace FunAsr.Ingest.Tests.Support;

/// <summary>Sums what one <see cref="Meter"/> reports, by instrument and tag value, through a real <see cref="MeterListener"/>.</summary>
internal sealed class MeterReadings : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string? Tag), double> _sums = new();

    public MeterReadings(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == meter) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of <paramref name="instrument"/>'s measurements whose single tag value is <paramref name="tag"/> (null: untagged).</summary>
    public double Sum(string instrument, string? tag = null) => _sums.GetValueOrDefault((instrument, tag));

    /// <summary>Polls the observable instruments now (counters are summed; read them once per call for a current value).</summary>
    public void Collect() => _listener.RecordObservableInstruments();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var tag = tags.Length > 0 ? tags[0].Value?.ToString() : null;
        _sums.AddOrUpdate((instrument.Name, tag), value, (_, sum) => sum + value);
    }

    public void Dispose() => _listener.Dispose();
}
