namespace Gateway.Runtime.Formats.Canonical;

/// <summary>
/// Sampling controls only one format has (Microsoft.Extensions.AI keeps them in <c>ChatOptions</c>
/// too). They are read so that a writer whose format lacks them can refuse them by name
/// (<c>400 unsupported_parameter</c>) instead of silently changing the answer.
/// </summary>
internal struct RequestExtras
{
    /// <summary>OpenAI <c>n</c>.</summary>
    public int? ChoiceCount;

    /// <summary>OpenAI <c>frequency_penalty</c>.</summary>
    public double? FrequencyPenalty;

    /// <summary>OpenAI <c>presence_penalty</c>.</summary>
    public double? PresencePenalty;

    /// <summary>OpenAI <c>logprobs</c> / <c>top_logprobs</c>.</summary>
    public bool LogProbabilities;

    /// <summary>OpenAI <c>logit_bias</c> with at least one entry.</summary>
    public bool LogitBias;

    /// <summary>Anthropic <c>top_k</c>.</summary>
    public int? TopK;
}
