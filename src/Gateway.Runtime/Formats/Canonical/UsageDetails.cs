namespace Gateway.Runtime.Formats.Canonical;

/// <summary>
/// Token counts (Microsoft.Extensions.AI's <c>UsageDetails</c>). <see cref="InputTokenCount"/> is
/// OpenAI's meaning: every prompt token, cached ones included. Anthropic's <c>input_tokens</c>
/// excludes cache reads and writes, so its reader adds them and its writer subtracts them.
/// A field is null when the upstream did not say.
/// </summary>
internal struct UsageDetails
{
    public long? InputTokenCount;

    public long? OutputTokenCount;

    /// <summary>Prompt tokens served from the cache (OpenAI <c>cached_tokens</c>, Anthropic <c>cache_read_input_tokens</c>).</summary>
    public long? CachedInputTokenCount;

    /// <summary>Prompt tokens written to the cache (Anthropic <c>cache_creation_input_tokens</c>; OpenAI has none).</summary>
    public long? CacheCreationInputTokenCount;

    /// <summary>OpenAI <c>completion_tokens_details.reasoning_tokens</c> (part of the output).</summary>
    public long? ReasoningTokenCount;

    public readonly bool HasValue => InputTokenCount.HasValue || OutputTokenCount.HasValue;

    /// <summary>Takes every count <paramref name="update"/> has; a stream reports input and output at different times.</summary>
    public void Merge(in UsageDetails update)
    {
        InputTokenCount = update.InputTokenCount ?? InputTokenCount;
        OutputTokenCount = update.OutputTokenCount ?? OutputTokenCount;
        CachedInputTokenCount = update.CachedInputTokenCount ?? CachedInputTokenCount;
        CacheCreationInputTokenCount = update.CacheCreationInputTokenCount ?? CacheCreationInputTokenCount;
        ReasoningTokenCount = update.ReasoningTokenCount ?? ReasoningTokenCount;
    }
}
