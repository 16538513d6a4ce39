namespace Gateway.Runtime.Formats;

/// <summary>What the host knows about the target that the caller's body does not say.</summary>
internal sealed record RequestTranslationOptions
{
    /// <summary>Anthropic requires <c>max_tokens</c>: used when the caller gave none (SPEC §9: <c>[models.&lt;m&gt;] max_output_tokens</c>, else 4096).</summary>
    public int DefaultMaxTokens { get; init; } = Limits.DefaultMaxTokens;

    /// <summary>When set, the output limit sent upstream is at most this (a model's real ceiling).</summary>
    public int? MaxOutputTokensCap { get; init; }

    /// <summary>The provider's model name to write instead of the caller's <c>model</c> (null: keep it).</summary>
    public string? UpstreamModel { get; init; }

    /// <summary>
    /// Anthropic <c>thinking</c> → OpenAI <c>reasoning_effort</c>. Off by default: Claude Code asks
    /// for thinking on every turn, and OpenAI models without reasoning reject <c>reasoning_effort</c>
    /// with a 400, so the host turns this on only for targets known to reason.
    /// </summary>
    public bool MapThinkingToReasoningEffort { get; init; }

    public static RequestTranslationOptions Default { get; } = new();
}
