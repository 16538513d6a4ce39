namespace Gateway.LanguageServer.Server;

/// <summary>The file path the build would report for a document URI (diagnostics carry it, messages do not).</summary>
internal static class DocumentPaths
{
    public static string FromUri(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : uri;
}
