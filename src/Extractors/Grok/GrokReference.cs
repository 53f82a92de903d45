namespace FunAsr.Extractors.Grok;

/// <summary>
/// One <c>%{NAME[:field[:type]][=definition]}</c> reference found in a pattern body. <see cref="End"/> is the
/// index of its closing brace.
/// </summary>
internal sealed record GrokReference(string Name, string? Field, string? Type, string? Definition, int End)
{
    /// <summary>Parses the reference starting at <paramref name="start"/> (the <c>%</c>); null when malformed.</summary>
    public static GrokReference? Parse(string body, int start)
    {
        var i = start + 2;
        var nameStart = i;
        while (i < body.Length && (char.IsAsciiLetterOrDigit(body[i]) || body[i] == '_'))
        {
            i++;
        }
        if (i == nameStart || i >= body.Length)
        {
            return null;
        }
        var name = body[nameStart..i];
        string? field = null, type = null, definition = null;
        if (body[i] == ':')
        {
            field = ReadUntil(body, ref i, ":}=");
            if (i < body.Length && body[i] == ':')
            {
                type = ReadUntil(body, ref i, "}=");
            }
        }
        if (i < body.Length && body[i] == '=')
        {
            var defStart = ++i;
            var depth = 0;
            for (; i < body.Length; i++)
            {
                if (body[i] == '\\')
                {
                    i++;
                }
                else if (body[i] == '{')
                {
                    depth++;
                }
                else if (body[i] == '}' && depth-- == 0)
                {
                    break;
                }
            }
            definition = i < body.Length ? body[defStart..i] : null;
        }
        if (i >= body.Length || body[i] != '}' || field is "" || type is "")
        {
            return null;
        }
        return new GrokReference(name, field, type, definition, i);
    }

    private static string ReadUntil(string body, ref int i, string stops)
    {
        var from = ++i;
        while (i < body.Length && stops.IndexOf(body[i]) < 0)
        {
            i++;
        }
        return body[from..i];
    }
}
