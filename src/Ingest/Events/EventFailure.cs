namespace FunAsr.Ingest.Events;

/// <summary>
/// Why one event got no extraction: written under the target as <c>_funasr_extract_failure</c> (and the same string
/// in the target's <c>tags</c>) instead of stopping the stream.
/// </summary>
/// <param name="Reason">A stable code: <c>invalid_json</c>, <c>not_an_object</c>, <c>line_too_long</c>,
/// <c>no_source_field</c>, <c>source_not_a_string</c>.</param>
/// <param name="Message">A sentence naming the line, field or limit.</param>
internal sealed record EventFailure(string Reason, string Message)
{
    /// <summary>The tag, named after Logstash's <c>_grokparsefailure</c> / <c>_jsonparsefailure</c>.</summary>
    public const string Tag = "_funasr_extract_failure";
}
