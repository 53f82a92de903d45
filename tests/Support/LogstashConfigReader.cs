namespace FunAsr.Tests.Support;

/// <summary>
/// Reads the subset of the Logstash configuration language an export uses (sections, plugins, attributes whose
/// values are strings, numbers, barewords, arrays and hashes, <c>if</c>/<c>else</c> blocks whose conditions are
/// skipped, <c>#</c> comments) and fails on anything else, so a
/// test can both check that an export parses and look into it. Strings are kept as written, as Logstash does with
/// <c>config.support_escapes: false</c>.
/// </summary>
internal sealed class LogstashConfigReader(string text)
{
    private int _at;

    /// <summary>Every plugin of every section: (section, plugin name, attributes).</summary>
    public List<(string Section, string Plugin, Dictionary<string, object> Attributes)> ReadPlugins()
    {
        var plugins = new List<(string, string, Dictionary<string, object>)>();
        while (Skip())
        {
            var section = Word();
            ReadBlock(section, plugins);
        }
        return plugins;
    }

    private void ReadBlock(string section, List<(string, string, Dictionary<string, object>)> plugins)
    {
        Expect('{');
        while (Skip() && text[_at] != '}')
        {
            var plugin = Word();
            if (plugin is "if" or "else")
            {
                _at = text.IndexOf('{', _at);
                ReadBlock(section, plugins);
                continue;
            }
            plugins.Add((section, plugin, Attributes()));
        }
        Expect('}');
    }

    private Dictionary<string, object> Attributes()
    {
        Expect('{');
        var attributes = new Dictionary<string, object>();
        while (Skip() && text[_at] != '}')
        {
            var name = Word();
            Expect('=');
            Expect('>');
            attributes[name] = Value();
        }
        Expect('}');
        return attributes;
    }

    private object Value()
    {
        Skip();
        switch (text[_at])
        {
            case '"':
                return Quoted();
            case '[':
                _at++;
                var items = new List<object>();
                while (Skip() && text[_at] != ']')
                {
                    items.Add(Value());
                    Skip();
                    if (text[_at] == ',')
                    {
                        _at++;
                    }
                }
                Expect(']');
                return items;
            case '{':
                _at++;
                var hash = new Dictionary<string, object>();
                while (Skip() && text[_at] != '}')
                {
                    var key = text[_at] == '"' ? Quoted() : Word();
                    Expect('=');
                    Expect('>');
                    hash[key] = Value();
                }
                Expect('}');
                return hash;
            default:
                return Word();
        }
    }

    private string Quoted()
    {
        var start = ++_at;
        while (text[_at] != '"')
        {
            _at += text[_at] == '\\' && text[_at + 1] == '"' ? 2 : 1;
        }
        return text[start..(_at++)];
    }

    private string Word()
    {
        Skip();
        var start = _at;
        while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] is '_' or '-' or '.'))
        {
            _at++;
        }
        return _at > start ? text[start.._at] : throw new FormatException($"offset {_at}: expected a name, found `{text[_at..Math.Min(text.Length, _at + 20)]}`");
    }

    private void Expect(char c)
    {
        Skip();
        if (_at >= text.Length || text[_at] != c)
        {
            throw new FormatException($"offset {_at}: expected `{c}`");
        }
        _at++;
    }

    /// <summary>Skips blanks and comments; false at the end of the text.</summary>
    private bool Skip()
    {
        while (_at < text.Length)
        {
            if (char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
            else if (text[_at] == '#')
            {
                while (_at < text.Length && text[_at] != '\n')
                {
                    _at++;
                }
            }
            else
            {
                return true;
            }
        }
        return false;
    }
}
