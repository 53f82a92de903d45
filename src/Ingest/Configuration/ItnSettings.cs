namespace FunAsr.Ingest.Configuration;

/// <summary>The <c>itn:</c> section: inverse text normalization of transcripts (spoken → written form).</summary>
internal sealed class ItnSettings
{
    /// <summary>Off keeps the spoken form (digits spelled out), which phone-number rules then cannot match.</summary>
    public bool Enabled { get; set; } = true;
}
