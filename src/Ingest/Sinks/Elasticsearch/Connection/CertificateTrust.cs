using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Connection;

/// <summary>
/// Server certificate checks beyond the system trust store: a private CA from a PEM file (Elasticsearch's
/// <c>http_ca.crt</c>) or a pinned SHA-256 fingerprint, as the official clients' <c>ca_certs</c> and
/// <c>ssl_assert_fingerprint</c> do.
/// </summary>
internal static class CertificateTrust
{
    /// <summary>A validation callback for the options, or null to use the system trust store.</summary>
    public static RemoteCertificateValidationCallback? CallbackFor(IServiceEndpoint options)
    {
        if (options.CaFingerprint is { } fingerprint)
        {
            var pinned = NormalizeFingerprint(fingerprint)
                ?? throw new ArgumentException("ca_fingerprint: expected 64 hex digits (SHA-256)", nameof(options));
            return (_, certificate, chain, _) => certificate is not null && PresentedCertificates(certificate, chain)
                .Any(c => Convert.ToHexString(SHA256.HashData(c.GetRawCertData())) == pinned);
        }
        if (options.CaFile is { } caFile)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(caFile);
            if (authorities.Count == 0)
                throw new ArgumentException($"ca_file: '{caFile}' holds no PEM certificate", nameof(options));
            return (_, certificate, chain, errors) =>
            {
                if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
                using var custom = new X509Chain();
                custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                custom.ChainPolicy.CustomTrustStore.AddRange(authorities);
                if (chain is not null)
                    foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            };
        }
        return null;
    }

    /// <summary>Upper-case hex without separators, or null when the text is not a SHA-256 fingerprint.</summary>
    public static string? NormalizeFingerprint(string text)
    {
        var hex = text.Replace(":", "").Replace(" ", "").Trim().ToUpperInvariant();
        return hex.Length == 64 && hex.All(Uri.IsHexDigit) ? hex : null;
    }

    private static IEnumerable<X509Certificate> PresentedCertificates(X509Certificate leaf, X509Chain? chain)
    {
        yield return leaf;
        if (chain is null) yield break;
        foreach (var element in chain.ChainElements) yield return element.Certificate;
    }
}
