namespace FunAsr.Extractors.Grok;

/// <summary>
/// The conversion suffix of a grok reference (<c>%{NUMBER:n:int}</c>). Logstash knows <c>int</c> and <c>float</c>;
/// Elasticsearch adds <c>long</c>, <c>double</c> and <c>boolean</c>. Any other suffix leaves the value a string.
/// </summary>
internal enum GrokValueType
{
    String,
    Int,
    Long,
    Float,
    Double,
    Boolean,
}
