using System.Text;
using Gateway.Host.FunctionalTests.Operability;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// Several real gateway processes built from one config, each on its own loopback port with its own
/// client, started with the same environment (secrets, the Redis URL): replicas behind one store.
/// </summary>
internal sealed class GatewayReplicas : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private GatewayReplicas(IReadOnlyList<HostProcess> processes, IReadOnlyList<HttpClient> clients)
    {
        Processes = processes;
        Clients = clients;
    }

    public IReadOnlyList<HostProcess> Processes { get; }

    public IReadOnlyList<HttpClient> Clients { get; }

    public static async Task<GatewayReplicas> StartAsync(string gatewayDll, int count, IDictionary<string, string?> environment)
    {
        var processes = Enumerable.Range(0, count)
            .Select(_ => HostProcess.Start(gatewayDll, ["--urls", "http://127.0.0.1:0"], environment))
            .ToArray();
        var clients = new List<HttpClient>();
        var replicas = new GatewayReplicas(processes, clients);
        try
        {
            foreach (var process in processes)
            {
                var address = await process.WaitForAddressAsync(StartTimeout);
                clients.Add(new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) });
            }
        }
        catch (Exception exception)
        {
            var output = string.Join("\n---\n", processes.Select(p => p.Output));
            await replicas.DisposeAsync();
            throw new InvalidOperationException("a gateway replica did not start:\n" + output, exception);
        }
        return replicas;
    }

    /// <summary>POST a chat completion with <paramref name="key"/> as the Bearer gateway key.</summary>
    public static Task<HttpResponseMessage> ChatAsync(HttpClient client, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"smart","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client.SendAsync(request);
    }

    /// <summary>POST an Anthropic message with <paramref name="key"/> in <c>x-api-key</c>.</summary>
    public static Task<HttpResponseMessage> MessageAsync(HttpClient client, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent("""{"model":"smart","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("x-api-key", key);
        return client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients) client.Dispose();
        foreach (var process in Processes) await process.DisposeAsync();
    }
}
