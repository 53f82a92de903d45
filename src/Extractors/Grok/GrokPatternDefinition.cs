namespace FunAsr.Extractors.Grok;

/// <summary>One named pattern (<c>NAME regex</c>) and where it was defined, so errors can point at it.</summary>
/// <param name="Name">The pattern name, <c>[A-Za-z0-9_]+</c>.</param>
/// <param name="Body">The regex body, which may reference other patterns with <c>%{…}</c>.</param>
/// <param name="Source">The file (or resource, or <c>pattern_definitions</c> of a rule) it came from.</param>
/// <param name="Line">1-based line in <paramref name="Source"/>; 0 when not from a file.</param>
internal sealed record GrokPatternDefinition(string Name, string Body, string Source, int Line);
