namespace FunAsr.Ingest.Configuration;

/// <summary>
/// The default rule folder: <c>./rules</c> when it exists (a checkout), else the <c>rules/</c> that a publish folder
/// or the installed tool carries beside the application; null when neither exists.
/// </summary>
internal static class BundledRules
{
    public static string? Find() =>
        new[] { "rules", Path.Combine(AppContext.BaseDirectory, "rules") }.FirstOrDefault(Directory.Exists) is { } folder
            ? Path.GetFullPath(folder)
            : null;
}
