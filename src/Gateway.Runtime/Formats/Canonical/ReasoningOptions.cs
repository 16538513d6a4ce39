namespace Gateway.Runtime.Formats.Canonical;

/// <summary>
/// Thinking settings. Anthropic: <c>thinking</c> (<c>enabled</c> with <c>budget_tokens</c>,
/// <c>adaptive</c>, <c>disabled</c>) and <c>output_config.effort</c>; OpenAI: <c>reasoning_effort</c>.
/// </summary>
internal readonly record struct ReasoningOptions(bool Requested, ReasoningEffort Effort, int? BudgetTokens, bool Adaptive);
