namespace Gateway.Runtime.Model;

/// <summary>Compiled <c>[telemetry]</c> table.</summary>
public sealed class TelemetrySettings(bool enabled, string? otlpEndpoint, string serviceName)
{
    public bool Enabled { get; } = enabled;
    public string? OtlpEndpoint { get; } = otlpEndpoint;
    public string ServiceName { get; } = serviceName;
}
