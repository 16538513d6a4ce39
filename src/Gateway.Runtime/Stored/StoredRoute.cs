namespace Gateway.Runtime.Stored;

/// <summary>A matched stored-object request: which API, the path appended to the provider's <c>base_url</c>, and whether it carries a body.</summary>
/// <param name="Api">Files or stored responses.</param>
/// <param name="UpstreamPath">The caller's path without <c>/v1</c>, e.g. <c>/files/file-abc/content</c>.</param>
/// <param name="HasBody">The request body is relayed (an upload, a cancel); GET and DELETE send none.</param>
internal readonly record struct StoredRoute(StoredApi Api, string UpstreamPath, bool HasBody);
