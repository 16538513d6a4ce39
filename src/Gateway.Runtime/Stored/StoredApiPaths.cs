namespace Gateway.Runtime.Stored;

/// <summary>
/// The stored-object URL space (SPEC §10), as exact as the dispatcher's: only these methods and shapes,
/// and an object id of 1–256 characters from <c>[A-Za-z0-9_-]</c> (OpenAI's are <c>file-…</c>, <c>resp_…</c>).
/// Anything else, such as <c>..</c>, an encoded slash or a trailing slash, is no match, so no caller text can
/// make the upstream path point anywhere but at one object of this API (S6).
/// </summary>
internal static class StoredApiPaths
{
    private const string FilesPath = "/v1/files";
    private const string FilesPrefix = "/v1/files/";
    private const string ResponsesPrefix = "/v1/responses/";
    private const int MaxIdLength = 256;

    /// <summary>
    /// <c>POST</c>/<c>GET /v1/files</c>, <c>GET</c>/<c>DELETE /v1/files/{id}</c>, <c>GET /v1/files/{id}/content</c>;
    /// <c>GET</c>/<c>DELETE /v1/responses/{id}</c>, <c>GET /v1/responses/{id}/input_items</c>, <c>POST /v1/responses/{id}/cancel</c>.
    /// </summary>
    public static bool TryMatch(string method, string path, out StoredRoute route)
    {
        route = default;
        var get = Microsoft.AspNetCore.Http.HttpMethods.IsGet(method);
        var post = Microsoft.AspNetCore.Http.HttpMethods.IsPost(method);
        var delete = Microsoft.AspNetCore.Http.HttpMethods.IsDelete(method);
        if (path == FilesPath)
        {
            return Matched(get || post, StoredApi.Files, path, hasBody: post, out route);
        }
        if (Split(path, FilesPrefix, out var suffix))
        {
            return suffix.Length == 0 ? Matched(get || delete, StoredApi.Files, path, hasBody: false, out route)
                : suffix is "/content" && Matched(get, StoredApi.Files, path, hasBody: false, out route);
        }
        if (Split(path, ResponsesPrefix, out suffix))
        {
            return suffix.Length == 0 ? Matched(get || delete, StoredApi.Responses, path, hasBody: false, out route)
                : suffix is "/input_items" ? Matched(get, StoredApi.Responses, path, hasBody: false, out route)
                : suffix is "/cancel" && Matched(post, StoredApi.Responses, path, hasBody: true, out route);
        }
        return false;
    }

    /// <summary><paramref name="path"/> is <paramref name="prefix"/>, a valid id, then <paramref name="suffix"/> (empty or <c>/word</c>).</summary>
    private static bool Split(string path, string prefix, out ReadOnlySpan<char> suffix)
    {
        suffix = default;
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = path.AsSpan(prefix.Length);
        var slash = rest.IndexOf('/');
        var id = slash < 0 ? rest : rest[..slash];
        if (id.Length is 0 or > MaxIdLength || id.ContainsAnyExcept(IdChars))
        {
            return false;
        }
        suffix = slash < 0 ? default : rest[slash..];
        return true;
    }

    private static readonly System.Buffers.SearchValues<char> IdChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    private static bool Matched(bool methodAllowed, StoredApi api, string path, bool hasBody, out StoredRoute route)
    {
        // SPEC §3: the upstream path is the caller's without /v1, appended to base_url (which has its version segment).
        route = methodAllowed ? new StoredRoute(api, path["/v1".Length..], hasBody) : default;
        return methodAllowed;
    }
}
