using System.Globalization;

namespace FunAsr.Extractors.Grok;

/// <summary>One match of a <see cref="GrokExpression"/> in <paramref name="Source"/>: the matched span and every
/// capture (participating or not).</summary>
internal sealed record GrokMatch(int Index, int Length, string Source, IReadOnlyList<GrokCaptureValue> Values)
{
    /// <summary>The matched text; cut from the source only when asked for (alert messages), not on every match.</summary>
    public string Value => Source.Substring(Index, Length);
}

/// <summary>The text one capture took in a match; <see cref="Text"/> is null when the group did not participate.</summary>
internal sealed record GrokCaptureValue(GrokCapture Capture, string? Text, int Index, int Length)
{
    /// <summary>
    /// The value converted by the capture's suffix, following Ruby's lenient <c>to_i</c>/<c>to_f</c> (leading number,
    /// else 0) so <c>:int</c> never fails a match; <c>boolean</c> is true for "true" (any case). Null when absent.
    /// </summary>
    public object? Converted => Text is null ? null : Capture.Type switch
    {
        GrokValueType.Int or GrokValueType.Long => LeadingInteger(Text),
        GrokValueType.Float or GrokValueType.Double => LeadingNumber(Text),
        GrokValueType.Boolean => string.Equals(Text.Trim(), "true", StringComparison.OrdinalIgnoreCase),
        _ => Text,
    };

    private static long LeadingInteger(string text)
    {
        var span = text.AsSpan().TrimStart();
        var end = span.Length > 0 && span[0] is '+' or '-' ? 1 : 0;
        while (end < span.Length && char.IsAsciiDigit(span[end]))
        {
            end++;
        }
        return long.TryParse(span[..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    private static double LeadingNumber(string text)
    {
        var span = text.AsSpan().TrimStart();
        var end = span.Length > 0 && span[0] is '+' or '-' ? 1 : 0;
        var seenDot = false;
        while (end < span.Length && (char.IsAsciiDigit(span[end]) || (span[end] == '.' && !seenDot)))
        {
            seenDot |= span[end] == '.';
            end++;
        }
        return double.TryParse(span[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }
}
