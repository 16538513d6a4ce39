using System.Buffers;
using System.Text.Json;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Keys;

/// <summary>
/// <c>GET /v1/key</c> (SPEC §11): the caller's key name, its limits and what this replica knows of their
/// use. Never the key itself. Written with <see cref="Utf8JsonWriter"/> (no reflection, NativeAOT).
/// </summary>
internal static class KeyDocument
{
    public static byte[] Write(in KeyUsage usage)
    {
        var key = usage.Key;
        var limits = key.Limits;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Formats.ErrorEnvelope.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("object"u8, "gateway.key"u8);
            w.WriteString("name"u8, key.Name);
            w.WriteBoolean("passthrough"u8, key.Passthrough);
            w.WriteStartObject("limits"u8);
            WriteNullable(w, "requests_per_minute"u8, limits.RequestsPerMinute);
            WriteNullable(w, "tokens_per_minute"u8, limits.TokensPerMinute);
            if (limits.BudgetUsd is { } budget) w.WriteNumber("budget_usd"u8, budget); else w.WriteNull("budget_usd"u8);
            if (limits.BudgetPeriod == BudgetPeriod.None) w.WriteNull("budget_period"u8);
            else w.WriteString("budget_period"u8, limits.BudgetPeriod == BudgetPeriod.Day ? "day"u8 : "month"u8);
            w.WriteEndObject();
            w.WriteStartObject("usage"u8);
            WriteReading(w, "requests"u8, usage.Requests);
            WriteReading(w, "tokens"u8, usage.Tokens);
            if (usage.SpendMicroUsd is { Available: true } spend) w.WriteNumber("spend_usd"u8, spend.Count / 1_000_000m); else w.WriteNull("spend_usd"u8);
            w.WriteNumber("minute_resets_in_s"u8, usage.MinuteResetSeconds);
            WriteNullable(w, "budget_resets_in_s"u8, usage.PeriodResetSeconds);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
    }

    /// <summary>A count, or null when the key has no such limit or the shared store was never reached for it.</summary>
    private static void WriteReading(Utf8JsonWriter w, ReadOnlySpan<byte> name, StoreReading? reading)
    {
        if (reading is { Available: true } r) w.WriteNumber(name, r.Count); else w.WriteNull(name);
    }
}
