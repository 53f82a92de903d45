namespace FunAsr.Ingest.Tests.Observability;

/// <summary>
/// The fields of an OTLP span this suite checks, read from an <c>ExportTraceServiceRequest</c> in the protobuf wire
/// format (resource_spans = 1 → scope_spans = 2 → spans = 2 → trace_id = 1, span_id = 2, parent_span_id = 4, name = 5).
/// The OpenTelemetry proto package is not served here, and these few fields need only the wire format.
/// </summary>
internal sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name)
{
    public static IEnumerable<OtlpSpan> Read(byte[] request) =>
        Messages(request, 1).SelectMany(resource => Messages(resource, 2)).SelectMany(scope => Messages(scope, 2)).Select(span =>
        {
            var fields = Fields(span).Where(f => f.Value is not null).GroupBy(f => f.Number).ToDictionary(g => g.Key, g => g.First().Value!);
            string Hex(int n) => fields.TryGetValue(n, out var b) ? Convert.ToHexString(b) : "";
            return new OtlpSpan(Hex(1), Hex(2), Hex(4), fields.TryGetValue(5, out var name) ? System.Text.Encoding.UTF8.GetString(name) : "");
        });

    private static IEnumerable<byte[]> Messages(byte[] message, int field) =>
        Fields(message).Where(f => f.Number == field && f.Value is not null).Select(f => f.Value!);

    /// <summary>Every field of a message: its number and, for length-delimited ones, its bytes.</summary>
    private static List<(int Number, byte[]? Value)> Fields(byte[] message)
    {
        var fields = new List<(int, byte[]?)>();
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message, ref position);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0: Varint(message, ref position); fields.Add((number, null)); break;
                case 1: position += 8; fields.Add((number, null)); break;
                case 5: position += 4; fields.Add((number, null)); break;
                case 2:
                    var length = (int)Varint(message, ref position);
                    fields.Add((number, message[position..(position + length)]));
                    position += length;
                    break;
                default: throw new FormatException($"unexpected protobuf wire type {key & 7}");
            }
        }
        return fields;
    }

    private static ulong Varint(byte[] bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}
