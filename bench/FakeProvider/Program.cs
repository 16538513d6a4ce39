using Gateway.Bench.FakeProvider;

// A fake OpenAI provider that must never be the bottleneck of a proxy benchmark: one terminal
// RequestDelegate (no routing middleware), pre-encoded response bytes, no logging, no JSON parsing.
//   --urls http://127.0.0.1:18080        where to listen (standard ASP.NET Core switch)
//   --sse-events N --sse-interval-ms M   defaults for "stream": true requests (8 events, 2 ms)
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

var app = builder.Build();
var handler = new FakeHandler(
    ReadInt(app.Configuration["sse-events"], 8),
    ReadInt(app.Configuration["sse-interval-ms"], 2));
app.Run(handler.InvokeAsync);
await app.RunAsync();

static int ReadInt(string? value, int fallback) =>
    int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : fallback;
