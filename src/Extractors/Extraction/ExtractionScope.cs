namespace FunAsr.Extractors;

/// <summary>What the text given to <see cref="Extractor.Extract"/> is; rules choose which they run on (<c>scope:</c>).</summary>
public enum ExtractionScope
{
    /// <summary>One segment (one speaker turn), or any stand-alone line such as a log line.</summary>
    Segment,

    /// <summary>The whole transcript of a call.</summary>
    Transcript,
}
