namespace Gateway.Runtime.Model;

/// <summary>Resolved retry settings of a route or function (inheritance already applied by the generator).</summary>
/// <param name="MaxRetries">Retries of one target attempt (0 = one try).</param>
/// <param name="BackoffBaseMs">Base of the exponential backoff <c>base × 2^(n−1)</c>.</param>
public readonly record struct RetrySettings(int MaxRetries, int BackoffBaseMs);
