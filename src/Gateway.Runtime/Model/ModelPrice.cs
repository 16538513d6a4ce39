namespace Gateway.Runtime.Model;

/// <summary>
/// <c>[models.&lt;m&gt;] input_usd_per_mtok</c>, <c>output_usd_per_mtok</c>, <c>cached_input_usd_per_mtok</c>:
/// USD per million tokens of the upstream model. Cached input defaults to the input price.
/// </summary>
public sealed class ModelPrice
{
    /// <summary>Pico-USD in one USD per million tokens: 1 USD/Mtok is 10⁶ pUSD per token.</summary>
    private const decimal PicoUsdPerTokenPerUsdPerMTok = 1_000_000m;

    // The prices as whole pico-USD per token, when every one of them is (six decimals of USD/Mtok, which
    // covers every published price): a response is then priced with three long multiplications on the
    // request path instead of decimal arithmetic. Null: some price is finer; Cost's decimals are used.
    private readonly long[]? _picoUsdPerToken;

    public ModelPrice(decimal inputUsdPerMTok, decimal outputUsdPerMTok, decimal? cachedInputUsdPerMTok = null)
    {
        InputUsdPerMTok = inputUsdPerMTok;
        OutputUsdPerMTok = outputUsdPerMTok;
        CachedInputUsdPerMTok = cachedInputUsdPerMTok ?? inputUsdPerMTok;
        if (TryPico(InputUsdPerMTok, out var input) && TryPico(CachedInputUsdPerMTok, out var cached) && TryPico(OutputUsdPerMTok, out var output))
        {
            _picoUsdPerToken = [input, cached, output];
        }
    }

    public decimal InputUsdPerMTok { get; }
    public decimal OutputUsdPerMTok { get; }
    public decimal CachedInputUsdPerMTok { get; }

    /// <summary>The cost of one response; <paramref name="inputTokens"/> includes <paramref name="cachedInputTokens"/> (OpenAI's convention).</summary>
    public decimal Cost(long inputTokens, long cachedInputTokens, long outputTokens)
    {
        var cached = Math.Clamp(cachedInputTokens, 0, inputTokens);
        return ((inputTokens - cached) * InputUsdPerMTok + cached * CachedInputUsdPerMTok + outputTokens * OutputUsdPerMTok) / 1_000_000m;
    }

    /// <summary>
    /// <see cref="Cost"/> in whole micro-USD, rounded up (spend is never under-counted): exactly
    /// <c>Math.Ceiling(Cost(...) * 10⁶)</c>, in integers when the prices allow it and nothing overflows.
    /// </summary>
    public long MicroUsd(long inputTokens, long cachedInputTokens, long outputTokens)
    {
        inputTokens = Math.Max(0, inputTokens);
        outputTokens = Math.Max(0, outputTokens);
        var cached = Math.Clamp(cachedInputTokens, 0, inputTokens);
        if (_picoUsdPerToken is { } pico)
        {
            try
            {
                var total = checked((inputTokens - cached) * pico[0] + cached * pico[1] + outputTokens * pico[2]);
                return total / 1_000_000 + (total % 1_000_000 == 0 ? 0 : 1);
            }
            catch (OverflowException)
            {
                // Tens of millions of tokens at hundreds of USD/Mtok: the decimals below are exact.
            }
        }
        return (long)Math.Ceiling(Cost(inputTokens, cached, outputTokens) * 1_000_000m);
    }

    private static bool TryPico(decimal usdPerMTok, out long pico)
    {
        pico = 0;
        var value = usdPerMTok * PicoUsdPerTokenPerUsdPerMTok;
        if (value < 0 || value > long.MaxValue / 1_000_000_000m || value != decimal.Truncate(value))
        {
            return false;
        }
        pico = (long)value;
        return true;
    }
}
