namespace Gateway.Runtime.Routing;

/// <summary>
/// <c>[models.&lt;m&gt;] input_usd_per_mtok</c>, <c>output_usd_per_mtok</c>, <c>cached_input_usd_per_mtok</c>:
/// USD per million tokens of the upstream model. Cached input defaults to the input price.
/// </summary>
public sealed class ModelPrice(decimal inputUsdPerMTok, decimal outputUsdPerMTok, decimal? cachedInputUsdPerMTok = null)
{
    public decimal InputUsdPerMTok { get; } = inputUsdPerMTok;
    public decimal OutputUsdPerMTok { get; } = outputUsdPerMTok;
    public decimal CachedInputUsdPerMTok { get; } = cachedInputUsdPerMTok ?? inputUsdPerMTok;

    /// <summary>The cost of one response; <paramref name="inputTokens"/> includes <paramref name="cachedInputTokens"/> (OpenAI's convention).</summary>
    public decimal Cost(long inputTokens, long cachedInputTokens, long outputTokens)
    {
        var cached = Math.Clamp(cachedInputTokens, 0, inputTokens);
        return ((inputTokens - cached) * InputUsdPerMTok + cached * CachedInputUsdPerMTok + outputTokens * OutputUsdPerMTok) / 1_000_000m;
    }
}
