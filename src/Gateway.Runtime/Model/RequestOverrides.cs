namespace Gateway.Runtime.Model;

/// <summary>Request fields an experiment variant sets in the forwarded body.</summary>
public sealed class RequestOverrides(double? temperature, double? topP, int? maxTokens)
{
    public double? Temperature { get; } = temperature;
    public double? TopP { get; } = topP;
    public int? MaxTokens { get; } = maxTokens;
}
