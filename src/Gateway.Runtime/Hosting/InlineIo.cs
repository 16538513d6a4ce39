namespace Gateway.Runtime.Hosting;

/// <summary>
/// Event-loop I/O, the way nginx runs: the socket engine runs completions on its epoll thread (one per core
/// when on) instead of queueing each to the thread pool, and Kestrel runs the request on that thread too.
/// A proxied request then goes client read → upstream write → upstream read → client write on one thread,
/// with no thread-pool hand-off. Measured (bench/README.md, "Optimisations"): context switches per request
/// ~3 → ~0, lower added latency at c=1 and less CPU per request.
/// <para>
/// What keeps it safe: nothing on the request path blocks (no sync-over-async; the console logger drops
/// lines rather than wait, see <c>ConsoleLogging</c>); CPU work that grows with the body (model scan,
/// <c>[security]</c> scan of a large body) moves to the thread pool first (<c>GatewayForwarder</c>);
/// backoff delays and timers run on the thread pool as always.
/// </para>
/// <para>
/// On by default in the gateway binary (<c>Program.cs</c>). <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0</c>
/// in the environment turns both halves off. The socket engine reads the variable once, when the first
/// socket is created, so it must be set before the host is built.
/// </para>
/// </summary>
public static class InlineIo
{
    /// <summary>The runtime's switch (System.Net.Sockets reads it once per process).</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Turns event-loop I/O on for this process unless the environment already decided. Call first in <c>Main</c>.</summary>
    public static void PreferInlineIo()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }

    /// <summary>Whether socket completions run inline; Kestrel then schedules requests inline too.</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";
}
