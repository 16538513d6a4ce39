using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

// bench-probe ttfe    --url U [--body JSON] [--auth TOKEN] [-n 200] [--warmup 20]
//   Sequential streaming requests; time from send to the first "data:" bytes. Prints
//   "ttfe_p50_us=… ttfe_p99_us=… ttfe_min_us=… ttfe_max_us=… ok=… failed=…".
// bench-probe startup --url U [--body JSON] [--auth TOKEN] [--warm-url W] [--timeout-ms 30000] -- CMD ARGS…
//   Spawns CMD, polls U (POST, raw socket, ~1 ms apart) until a 200 arrives, kills CMD. Prints
//   "startup_ms=…" (or "startup_ms=n/a"); spawn and first-accept times go to stderr.
// Exit code is 0 whenever the measurement ran; failures are reported as numbers/n/a, never asserted.
var inv = CultureInfo.InvariantCulture;
if (args.Length == 0) return Usage();
var mode = args[0];
string? url = null, body = null, auth = null, warmUrl = null;
int n = 200, warmup = 20, timeoutMs = 30000;
string[] command = [];
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--url": url = args[++i]; break;
        case "--body": body = args[++i]; break;
        case "--auth": auth = args[++i]; break;
        case "--warm-url": warmUrl = args[++i]; break;
        case "-n": n = int.Parse(args[++i], inv); break;
        case "--warmup": warmup = int.Parse(args[++i], inv); break;
        case "--timeout-ms": timeoutMs = int.Parse(args[++i], inv); break;
        case "--": command = args[(i + 1)..]; i = args.Length; break;
        default: return Usage();
    }
}
if (url is null) return Usage();

using var client = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    UseCookies = false,
    AutomaticDecompression = System.Net.DecompressionMethods.None,
    ConnectTimeout = TimeSpan.FromSeconds(2),
});

return mode switch
{
    "ttfe" => await TtfeAsync(),
    "startup" => await StartupAsync(),
    _ => Usage(),
};

async Task<int> TtfeAsync()
{
    var streamBody = body ?? """{"model":"gpt-bench","stream":true,"messages":[{"role":"user","content":"hi"}]}""";
    var samples = new List<double>(n);
    var failed = 0;
    var buffer = new byte[16 * 1024];
    for (var i = 0; i < warmup + n; i++)
    {
        var start = Stopwatch.GetTimestamp();
        double firstEventUs = -1;
        try
        {
            using var response = await client.SendAsync(Post(url, streamBody), CancellationToken.None);
            if (response.IsSuccessStatusCode)
            {
                await using var stream = await response.Content.ReadAsStreamAsync();
                // "data:" may straddle two reads: carry the last 4 bytes of the previous read.
                var window = new byte[buffer.Length + 4];
                var carried = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer)) > 0)
                {
                    if (firstEventUs >= 0) continue; // drain the rest so the connection is reused
                    buffer.AsSpan(0, read).CopyTo(window.AsSpan(carried));
                    var seen = window.AsSpan(0, carried + read);
                    if (seen.IndexOf("data:"u8) >= 0)
                    {
                        firstEventUs = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                        continue;
                    }
                    carried = Math.Min(4, seen.Length);
                    seen[^carried..].CopyTo(window);
                }
            }
        }
        catch (HttpRequestException) { }
        catch (IOException) { }
        if (i < warmup) continue;
        if (firstEventUs < 0) failed++;
        else samples.Add(firstEventUs);
    }
    if (samples.Count == 0)
    {
        Console.WriteLine($"ttfe_p50_us=n/a ttfe_p99_us=n/a ok=0 failed={failed}");
        return 0;
    }
    samples.Sort();
    Console.WriteLine(string.Create(inv,
        $"ttfe_p50_us={Percentile(samples, 50):F0} ttfe_p99_us={Percentile(samples, 99):F0} ttfe_min_us={samples[0]:F0} ttfe_max_us={samples[^1]:F0} ok={samples.Count} failed={failed}"));
    return 0;
}

async Task<int> StartupAsync()
{
    if (command.Length == 0) return Usage();
    var chatBody = body ?? """{"model":"gpt-bench","messages":[{"role":"user","content":"hi"}]}""";
    // Polls with a raw socket and a hand-written HTTP/1.1 request: a refused connect is one cheap syscall,
    // where HttpClient would throw and unwind an HttpRequestException per poll. Both paths (accepted and
    // refused) are warmed first so none of this process's own first-use cost is charged to the target.
    var target = new Uri(url!);
    var endpoint = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
    var request = RawPost(target, chatBody);
    if (warmUrl is not null)
    {
        var warm = new Uri(warmUrl);
        for (var i = 0; i < 3; i++) TryRawRequest(new IPEndPoint(IPAddress.Parse(warm.Host), warm.Port), RawPost(warm, chatBody), out _);
    }
    for (var i = 0; i < 3; i++) TryRawRequest(endpoint, request, out _);

    var psi = new ProcessStartInfo(command[0])
    {
        UseShellExecute = false,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    foreach (var a in command[1..]) psi.ArgumentList.Add(a);
    var start = Stopwatch.GetTimestamp();
    using var process = Process.Start(psi)!;
    var spawnedMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    double? elapsedMs = null, listeningMs = null;
    try
    {
        while (Stopwatch.GetElapsedTime(start).TotalMilliseconds < timeoutMs && !process.HasExited)
        {
            var status = TryRawRequest(endpoint, request, out var connected);
            if (connected) listeningMs ??= Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (status == 200)
            {
                elapsedMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                break;
            }
            Thread.Sleep(1);
        }
    }
    finally
    {
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        await process.WaitForExitAsync();
    }
    Console.WriteLine(elapsedMs is { } ms ? string.Create(inv, $"startup_ms={ms:F1}") : "startup_ms=n/a");
    // Where the time went, for a human reading the log (run.sh parses stdout only).
    Console.Error.WriteLine(string.Create(inv, $"spawn_ms={spawnedMs:F1} listening_ms={listeningMs:F1}"));
    return 0;
}

static byte[] RawPost(Uri target, string json)
{
    var payload = Encoding.UTF8.GetBytes(json);
    var head = string.Create(CultureInfo.InvariantCulture,
        $"POST {target.PathAndQuery} HTTP/1.1\r\nHost: {target.Authority}\r\nAuthorization: Bearer sk-bench\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n");
    return [.. Encoding.ASCII.GetBytes(head), .. payload];
}

// One request on a fresh connection: the status code, or 0 when refused/failed.
static int TryRawRequest(IPEndPoint endpoint, byte[] request, out bool connected)
{
    connected = false;
    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    try
    {
        socket.Connect(endpoint);
        connected = true;
        socket.Send(request);
        var buffer = new byte[64 * 1024];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = socket.Receive(buffer, filled, buffer.Length - filled, SocketFlags.None);
            if (read == 0) break;
            filled += read;
            // "HTTP/1.1 200 ": the status code is in bytes 9..12.
            if (filled >= 12) break;
        }
        if (filled < 12) return 0;
        return int.TryParse(Encoding.ASCII.GetString(buffer, 9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0;
    }
    catch (SocketException) { return 0; }
}

HttpRequestMessage Post(string target, string json)
{
    var request = new HttpRequestMessage(HttpMethod.Post, target)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };
    if (auth is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", auth);
    return request;
}

static double Percentile(List<double> sorted, double p)
{
    var rank = p / 100.0 * (sorted.Count - 1);
    var lo = (int)Math.Floor(rank);
    var hi = (int)Math.Ceiling(rank);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

static int Usage()
{
    Console.Error.WriteLine("usage: bench-probe ttfe|startup --url URL [--body JSON] [--auth TOKEN] [-n N] [--warmup N] [--warm-url URL] [--timeout-ms MS] [-- CMD ARGS...]");
    return 64;
}
