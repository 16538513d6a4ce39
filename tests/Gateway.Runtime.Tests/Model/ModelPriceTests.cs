using Gateway.Runtime.Model;

namespace Gateway.Runtime.Tests.Model;

public sealed class ModelPriceTests
{
    public static TheoryData<decimal, decimal, decimal?, long, long, long> Responses => new()
    {
        // input $/Mtok, output $/Mtok, cached $/Mtok, input tokens (with cached), cached, output
        { 1m, 2m, 0.1m, 500_000, 100_000, 250_000 },     // $0.91 exactly
        { 0.15m, 0.6m, 0.075m, 1234, 1000, 77 },         // fractions of a micro-USD: rounded up
        { 3m, 15m, null, 1, 0, 0 },                      // one token: 3 µUSD
        { 2.5m, 10m, null, 0, 0, 0 },                    // nothing used: nothing spent
        { 0.0000001m, 0.0000003m, null, 10_000_000, 0, 3 }, // finer than a pico-USD per token: decimals
        { 5000m, 9000m, null, 3_000_000_000, 0, 2_000_000_000 }, // overflows a long in pico-USD: decimals
        { 1m, 1m, null, 100, 500, 0 },                   // more cached than input: clamped to the input
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public void A3_MicroUsd_IsTheDecimalCostRoundedUp(decimal input, decimal output, decimal? cached, long inputTokens, long cachedTokens, long outputTokens)
    {
        var price = new ModelPrice(input, output, cached);

        var expected = (long)Math.Ceiling(price.Cost(inputTokens, cachedTokens, outputTokens) * 1_000_000m);

        Assert.Equal(expected, price.MicroUsd(inputTokens, cachedTokens, outputTokens));
    }

    [Fact]
    public void A3_MicroUsd_NeverUnderCounts_AFractionOfAMicroUsd()
    {
        var price = new ModelPrice(0.15m, 0.6m); // 0.15 µUSD per input token

        Assert.Equal(1, price.MicroUsd(1, 0, 0));
        Assert.Equal(1, price.MicroUsd(6, 0, 0));  // 0.90 µUSD
        Assert.Equal(2, price.MicroUsd(7, 0, 0));  // 1.05 µUSD
        Assert.Equal(0, price.MicroUsd(-5, 0, -1)); // a nonsense report spends nothing
    }
}
