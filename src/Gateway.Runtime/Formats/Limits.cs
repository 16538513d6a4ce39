using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats;

/// <summary>Output limits and the thinking budget ↔ effort scale, shared by the writers.</summary>
internal static class Limits
{
    /// <summary>max_tokens for an Anthropic provider when neither the caller nor <c>[models.&lt;m&gt;] max_output_tokens</c> gave one (SPEC §9).</summary>
    public const int DefaultMaxTokens = 4096;

    /// <summary>Thinking budgets for an effort (Anthropic's minimum budget is 1024).</summary>
    public const int LowBudget = 1024;
    public const int MediumBudget = 4096;
    public const int HighBudget = 16384;

    /// <summary>The caller's limit, else <paramref name="fallback"/>, at most the target's cap.</summary>
    public static int? MaxTokens(int? requested, int? fallback, RequestTranslationOptions options)
    {
        var value = requested ?? fallback;
        if (value is { } v && options.MaxOutputTokensCap is { } cap && v > cap)
        {
            return cap;
        }
        return value;
    }

    /// <summary>The effort to ask an OpenAI model for; null when no reasoning was asked for or it was turned off.</summary>
    public static ReasoningEffort? EffortFor(ReasoningOptions reasoning)
    {
        if (!reasoning.Requested || reasoning.Effort == ReasoningEffort.None)
        {
            return null;
        }
        if (reasoning.Effort != ReasoningEffort.Unspecified)
        {
            return reasoning.Effort;
        }
        return reasoning.BudgetTokens switch
        {
            null => ReasoningEffort.Medium,
            < MediumBudget => ReasoningEffort.Low,
            < HighBudget => ReasoningEffort.Medium,
            _ => ReasoningEffort.High,
        };
    }

    /// <summary>An Anthropic thinking budget below <paramref name="maxTokens"/> (it must be), or null when none fits.</summary>
    public static int? BudgetFor(ReasoningOptions reasoning, int maxTokens)
    {
        if (!reasoning.Requested || reasoning.Effort == ReasoningEffort.None)
        {
            return null;
        }
        var budget = reasoning.BudgetTokens ?? reasoning.Effort switch
        {
            ReasoningEffort.Low => LowBudget,
            ReasoningEffort.High => HighBudget,
            _ => MediumBudget,
        };
        budget = Math.Min(budget, maxTokens - 1);
        return budget < LowBudget ? null : budget;
    }
}
