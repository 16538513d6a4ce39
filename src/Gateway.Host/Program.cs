using Gateway.Runtime.Hosting;

// `gateway --check`: print the compiled route table and whether every credential resolves; never listens.
if (GatewayCheck.IsRequested(args))
{
    return GatewayCheck.Run(Gateway.Generated.GeneratedGateway.Instance, Console.Out);
}

// Event-loop I/O (one epoll thread per core runs each request end to end): before any socket exists.
InlineIo.PreferInlineIo();

// The whole host: the routing table was compiled from gateway.toml by Gateway.Generator.
// A lean builder (CreateEmptyBuilder + what the gateway uses): fast start-up, see GatewayApplication.
var builder = GatewayApplication.CreateBuilder(args);
if (!builder.AddGateway(Gateway.Generated.GeneratedGateway.Instance, out var problems))
{
    // SPEC §1: every missing credential named at once, exit 2 before listening.
    await Console.Error.WriteLineAsync(problems);
    return GatewayApplication.MissingCredentialsExitCode;
}

var app = builder.Build();
app.MapGateway();
await app.RunAsync();
return 0;
