namespace FunAsr.Extractors.Grok;

/// <summary>
/// Which field names the built-in log patterns capture into, as Logstash's <c>ecs_compatibility</c>:
/// <c>legacy</c> (<c>logsource</c>, <c>program</c>, <c>pid</c>…) or <c>ecs-v1</c> (<c>[host][hostname]</c>,
/// <c>[process][name]</c>, <c>[process][pid]</c>…). The speech-domain patterns are the same in both.
/// </summary>
internal enum GrokCompatibility
{
    Legacy,
    EcsV1,
}
