using FunAsr.Ingest.Configuration;

namespace FunAsr.Ingest.Cluster;

/// <summary>
/// For workers without the intake's folders mounted (<c>cluster.audio: http</c>): streams a recording from the intake's
/// <c>GET /v1/recordings/{id}/audio</c> into the worker's data folder (never whole in memory), where it is transcribed
/// and deleted once the job is finished.
/// </summary>
internal sealed class AudioFetcher(ClusterSettings cluster, string dataDir) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(cluster.IntakeUrl!), Timeout = Timeout.InfiniteTimeSpan };
    private readonly string _folder = Path.Combine(Path.GetFullPath(dataDir), "fetched-audio");

    /// <summary>The local copy of the job's audio.</summary>
    /// <exception cref="HttpRequestException">The intake cannot be reached or does not have the file.</exception>
    public async Task<string> FetchAsync(JobMessage job, CancellationToken ct)
    {
        Directory.CreateDirectory(_folder);
        var target = LocalPath(job);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/recordings/{Uri.EscapeDataString(job.Id)}/audio");
        request.Headers.Add("X-Api-Key", cluster.IntakeApiKey);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using (var body = await response.Content.ReadAsStreamAsync(ct))
        await using (var file = File.Create(target + ".part"))
            await body.CopyToAsync(file, ct);
        File.Move(target + ".part", target, overwrite: true);
        return target;
    }

    public void Forget(JobMessage job) => File.Delete(LocalPath(job));

    /// <summary>The id (made safe for a file name) with the original extension, which tells the decoder the format.</summary>
    private string LocalPath(JobMessage job) =>
        Path.Combine(_folder, new string([.. job.Id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]) + Path.GetExtension(job.Path));

    public void Dispose() => _http.Dispose();
}
