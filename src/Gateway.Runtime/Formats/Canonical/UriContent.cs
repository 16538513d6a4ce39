namespace Gateway.Runtime.Formats.Canonical;

/// <summary>An image by URL: OpenAI <c>image_url.url</c> (not <c>data:</c>), Anthropic <c>source.type = "url"</c>.</summary>
internal sealed class UriContent(JsonText uri) : AIContent
{
    public JsonText Uri { get; } = uri;
}
