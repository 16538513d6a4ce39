using Yarp.ReverseProxy.Configuration;

// Minimal YARP reverse proxy: /v1/{**catch-all} -> one cluster with one destination.
//   --urls http://127.0.0.1:18091                  where to listen
//   --destination http://127.0.0.1:18080/          upstream (or env YARP_DESTINATION)
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

var destination = builder.Configuration["destination"]
    ?? Environment.GetEnvironmentVariable("YARP_DESTINATION")
    ?? "http://127.0.0.1:18080/";

RouteConfig[] routes =
[
    new RouteConfig
    {
        RouteId = "v1",
        ClusterId = "fake",
        Match = new RouteMatch { Path = "/v1/{**catch-all}" },
    },
];
ClusterConfig[] clusters =
[
    new ClusterConfig
    {
        ClusterId = "fake",
        Destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase)
        {
            ["fake"] = new DestinationConfig { Address = destination },
        },
    },
];

builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);

var app = builder.Build();
app.MapReverseProxy();
await app.RunAsync();
