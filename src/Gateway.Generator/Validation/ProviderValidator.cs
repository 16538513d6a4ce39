using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Gateway.Generator.Diagnostics;
using Gateway.Generator.Model;
using Gateway.Generator.Parsing;

namespace Gateway.Generator.Validation;

/// <summary>A validated provider, as the rest of validation sees it.</summary>
internal sealed class ProviderInfo(int index, ProviderModel model, ProviderApi api, AuthScheme authScheme, CredentialReference? credential)
{
    public int Index { get; } = index;
    public ProviderModel Model { get; } = model;
    public string Id => Model.Name;
    public ProviderApi Api { get; } = api;
    public bool IsAnthropic => Api == ProviderApi.Anthropic;
    /// <summary>SPEC §10: POST /v1/responses is relayed natively; false means translated.</summary>
    public bool ServesResponses => !IsAnthropic && Model.Responses?.Value != false;
    public AuthScheme AuthScheme { get; } = authScheme;
    /// <summary>Explicit or conventional credential; null for <c>auth_type = "none"</c> or an invalid reference.</summary>
    public CredentialReference? Credential { get; } = credential;
    public HashSet<string> Models { get; } = new(model.ModelNames.Select(m => m.Value), StringComparer.Ordinal);
}

/// <summary>Checks <c>[providers.*]</c>: URLs, auth presentation, headers, credentials, model ownership.</summary>
internal static class ProviderValidator
{
    // Headers the gateway sets or strips itself; a static header must not smuggle them in.
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "api-key", "x-api-key", "x-goog-api-key", "host", "content-length", "content-type",
        "transfer-encoding", "connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade",
        "proxy-authorization", "proxy-authenticate", "cookie",
    };

    public static List<ProviderInfo> Validate(GatewayConfigModel config, List<DiagnosticInfo> diagnostics)
    {
        var providers = new List<ProviderInfo>();
        foreach (var provider in config.Providers)
        {
            if (provider.BaseUrl is { } baseUrl) CheckBaseUrl(baseUrl, provider.Path + ".base_url", diagnostics);

            // SPEC §9: the api defaults by provider id, and an Anthropic provider presents its key
            // as x-api-key unless auth_type says otherwise. A value the schema refused (GW0104) is read
            // as the default, so that the rest of the provider is still checked.
            var api = TomlEnums.Api.Parse(provider.Api?.Value) ?? (provider.Name == "anthropic" ? ProviderApi.Anthropic : ProviderApi.OpenAi);
            // SPEC §10: Anthropic has no Responses endpoint, so claiming one is a mistake, not a preference.
            if (api == ProviderApi.Anthropic && provider.Responses is { Value: true } responses)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ResponsesOnAnthropicProvider, responses.Location, provider.Path + ".responses", provider.Name));
            }
            var auth = TomlEnums.AuthType.Parse(provider.AuthType?.Value) ?? (api == ProviderApi.Anthropic ? AuthScheme.ApiKeyHeader : AuthScheme.Bearer);
            if (provider.AuthHeaderName is { } headerName)
            {
                CheckToken(headerName, provider.Path + ".auth_header_name", isName: true, diagnostics);
            }
            foreach (var (name, value) in provider.Headers)
            {
                var headerPath = SchemaChecker.Join(provider.Path + ".headers", name.Value);
                if (CheckToken(name, headerPath, isName: true, diagnostics) && ReservedHeaders.Contains(name.Value))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.ForbiddenHeader, name.Location, headerPath, name.Value,
                        "credentials, framing and hop-by-hop headers are set by the gateway"));
                }
                CheckToken(value, headerPath, isName: false, diagnostics);
            }

            CredentialReference? credential = null;
            if (auth == AuthScheme.None)
            {
                if (provider.Credential is { } ignored)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CredentialIgnored, ignored.Location, provider.Path + ".credential", provider.Name));
                }
            }
            else
            {
                credential = provider.Credential is { } explicitCredential
                    ? CredentialReferences.Parse(explicitCredential, provider.Path + ".credential", diagnostics)
                    : CredentialReference.Conventional(provider.Name);
            }
            providers.Add(new ProviderInfo(providers.Count, provider, api, auth, credential));
        }

        WarnSharedModels(providers, diagnostics);
        return providers;
    }

    private static void WarnSharedModels(List<ProviderInfo> providers, List<DiagnosticInfo> diagnostics)
    {
        var owners = new Dictionary<string, List<ProviderInfo>>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            foreach (var model in provider.Model.ModelNames)
            {
                if (!owners.TryGetValue(model.Value, out var list)) owners[model.Value] = list = new List<ProviderInfo>();
                if (!list.Contains(provider)) list.Add(provider);
                if (list.Count == 2 && list[1] == provider)
                {
                    var all = providers.Where(p => p.Models.Contains(model.Value)).Select(p => "'" + p.Id + "'");
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.ModelListedBySeveralProviders, model.Location, model.Value, string.Join(", ", all), list[0].Id));
                }
            }
        }
    }

    private static void CheckBaseUrl(Located<string> baseUrl, string path, List<DiagnosticInfo> diagnostics)
    {
        var problem = UrlProblem(baseUrl.Value, out var uri);
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidBaseUrl, baseUrl.Location, path, baseUrl.Value, problem));
            return;
        }
        if (uri!.Scheme == "http" && !IsLoopback(uri.Host))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InsecureBaseUrl, baseUrl.Location, path, uri.Host));
        }
    }

    /// <summary>Null when <paramref name="text"/> is an absolute http(s) URL fit to be a base URL.</summary>
    public static string? UrlProblem(string text, out Uri? uri)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out uri) || uri.IsFile || uri.IsUnc)
        {
            uri = null;
            return "not an absolute URL";
        }
        if (uri.Scheme != "http" && uri.Scheme != "https") return $"scheme '{uri.Scheme}' is not http or https";
        if (uri.Host.Length == 0) return "the host is missing";
        if (uri.UserInfo.Length > 0) return "user info in a URL would leak a credential; use credential instead";
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || text.IndexOf('?') >= 0 || text.IndexOf('#') >= 0) return "a base URL has no query or fragment";
        return null;
    }

    public static bool IsLoopback(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        var bare = host.Trim('[', ']');
        return IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>RFC 9110 §5.6.2 token for names; for values, no CR/LF/NUL (header injection).</summary>
    private static bool CheckToken(Located<string> value, string path, bool isName, List<DiagnosticInfo> diagnostics)
    {
        string? problem = null;
        if (isName)
        {
            if (value.Value.Length == 0) problem = "it is empty";
            else if (value.Value.Any(c => !IsTokenChar(c))) problem = "it contains a character that is not allowed in a header name";
        }
        else if (value.Value.Any(c => c == '\r' || c == '\n' || c == '\0'))
        {
            problem = "it contains CR, LF or NUL";
        }
        if (problem is null) return true;
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHeaderToken, value.Location, path, Printable(value.Value), problem));
        return false;
    }

    private static bool IsTokenChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
        || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;

    private static string Printable(string value) =>
        new string(value.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
