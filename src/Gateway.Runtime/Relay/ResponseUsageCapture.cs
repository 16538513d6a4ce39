using System.Buffers;
using System.Text.Json;
using Gateway.Runtime.Telemetry;

namespace Gateway.Runtime.Relay;

/// <summary>
/// Keeps the parts of a relayed response body that the GenAI conventions report from (SPEC §8): the
/// response model and the token usage. Nothing is parsed while bytes flow: the relay hands every chunk
/// it wrote to <see cref="Observe"/>, which keeps the first <see cref="HeadBytes"/> (a completion names
/// its model first) and the last <see cref="TailBytes"/> (usage comes last: at the end of a JSON body, or
/// in the final chunk of a stream sent with <c>stream_options.include_usage</c>). <see cref="TryRead"/>
/// looks at those once, after the relay. Exists only when telemetry is collected.
/// </summary>
internal sealed class ResponseUsageCapture : IDisposable
{
    public const int HeadBytes = 1024;
    public const int TailBytes = 4096;

    /// <summary>Longest model name taken from a response; anything longer is not a model name.</summary>
    private const int MaxModelLength = 256;

    private byte[]? _head = ArrayPool<byte>.Shared.Rent(HeadBytes);
    private byte[]? _tail = ArrayPool<byte>.Shared.Rent(TailBytes);
    private int _headLength;
    private long _total; // bytes observed; the ring's write position is _total % TailBytes

    /// <summary>Bytes the client received, in order.</summary>
    public void Observe(ReadOnlySpan<byte> bytes)
    {
        if (_head is null || _tail is null)
        {
            return;
        }
        if (_headLength < HeadBytes)
        {
            var take = Math.Min(HeadBytes - _headLength, bytes.Length);
            bytes[..take].CopyTo(_head.AsSpan(_headLength));
            _headLength += take;
        }
        // The ring only needs the last TailBytes of this chunk.
        var tail = bytes.Length > TailBytes ? bytes[^TailBytes..] : bytes;
        _total += bytes.Length - tail.Length;
        var position = (int)(_total % TailBytes);
        var first = Math.Min(TailBytes - position, tail.Length);
        tail[..first].CopyTo(_tail.AsSpan(position));
        tail[first..].CopyTo(_tail);
        _total += tail.Length;
    }

    /// <summary>
    /// Whether the bytes observed so far end an SSE event (T4: the relay closes a half-written event before
    /// its error event). Read from the ring, so a relay that keeps this capture keeps no second tail.
    /// </summary>
    public bool AtEventBoundary
    {
        get
        {
            uint last4 = 0;
            if (_tail is not null)
            {
                var n = (int)Math.Min(4, _total);
                for (var i = n; i >= 1; i--)
                {
                    last4 = (last4 << 8) | _tail[(int)((_total - i) % TailBytes)];
                }
            }
            return SseTail.EndsEvent(last4, _total);
        }
    }

    /// <summary>Forgets a response that was not the one relayed in the end (an attempt that failed before its first byte).</summary>
    public void Reset()
    {
        _headLength = 0;
        _total = 0;
    }

    /// <summary>
    /// What the body said, when it said anything: <c>model</c> and/or <c>usage</c>. The last usage object
    /// wins field by field over the first (an Anthropic stream reports input in <c>message_start</c>, near the
    /// head, and output in <c>message_delta</c>, at the tail). <paramref name="anthropic"/>: the body is in
    /// Anthropic's format, whose <c>input_tokens</c> leaves out cache reads and writes; they are added, so
    /// <see cref="ResponseUsage.InputTokens"/> always counts every prompt token, as OpenAI's does.
    /// </summary>
    /// <param name="usage">What was read.</param>
    /// <param name="anthropic">The body is in Anthropic's format.</param>
    /// <param name="readModel">Also read the response model (a span reports it; key counting does not need it, and it is a string).</param>
    public bool TryRead(out ResponseUsage usage, bool anthropic = false, bool readModel = true)
    {
        usage = default;
        if (_head is null || _tail is null || _total == 0)
        {
            return false;
        }
        var tailLength = (int)Math.Min(_total, TailBytes);
        // The ring in order, in a pooled array: reading usage allocates nothing but the model string.
        var rented = ArrayPool<byte>.Shared.Rent(tailLength);
        try
        {
            return Read(rented.AsSpan(0, tailLength), anthropic, readModel, out usage);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private bool Read(Span<byte> tail, bool anthropic, bool readModel, out ResponseUsage usage)
    {
        var tailLength = tail.Length;
        var start = (int)(_total % TailBytes);
        if (_total <= TailBytes)
        {
            _tail!.AsSpan(0, tailLength).CopyTo(tail);
        }
        else
        {
            _tail!.AsSpan(start).CopyTo(tail);
            _tail.AsSpan(0, start).CopyTo(tail[(TailBytes - start)..]);
        }

        var head = _head!.AsSpan(0, _headLength);
        var model = readModel ? FindModel(head, first: true) ?? FindModel(tail, first: false) : null;
        var counts = ReadUsage(head, first: true);
        counts.Merge(ReadUsage(tail, first: false));
        var input = counts.Input;
        if (anthropic && input is not null)
        {
            input += (counts.CacheRead ?? 0) + (counts.CacheCreation ?? 0);
        }
        var cached = anthropic ? counts.CacheRead : counts.Cached;
        usage = new ResponseUsage(model, input, counts.Output, cached);
        return model is not null || input is not null || counts.Output is not null;
    }

    public void Dispose()
    {
        if (_head is not null) ArrayPool<byte>.Shared.Return(_head);
        if (_tail is not null) ArrayPool<byte>.Shared.Return(_tail);
        _head = _tail = null;
    }

    /// <summary>The string value of a <c>"model"</c> property (the first or the last one in <paramref name="text"/>).</summary>
    private static string? FindModel(ReadOnlySpan<byte> text, bool first)
    {
        var value = ValueAfter(text, "\"model\""u8, first);
        if (value.IsEmpty || value[0] != (byte)'"')
        {
            return null;
        }
        value = value[1..];
        var end = value.IndexOfAny((byte)'"', (byte)'\\');
        if (end <= 0 || end > MaxModelLength || value[end] != (byte)'"')
        {
            return null; // escaped, truncated or absurd: not reported rather than guessed
        }
        return System.Text.Encoding.UTF8.GetString(value[..end]);
    }

    /// <summary>
    /// The first or last <c>"usage"</c> object: OpenAI's <c>prompt_tokens</c>/<c>completion_tokens</c> with
    /// <c>prompt_tokens_details.cached_tokens</c>, or the <c>input_tokens</c>/<c>output_tokens</c> of the
    /// Responses format (<c>input_tokens_details.cached_tokens</c>) and Anthropic's (with
    /// <c>cache_read_input_tokens</c> and <c>cache_creation_input_tokens</c>).
    /// </summary>
    private static UsageCounts ReadUsage(ReadOnlySpan<byte> text, bool first)
    {
        var counts = default(UsageCounts);
        var value = ValueAfter(text, "\"usage\""u8, first);
        if (value.IsEmpty || value[0] != (byte)'{')
        {
            return counts; // absent, or "usage":null (every chunk but the last of a stream)
        }
        var reader = new Utf8JsonReader(value, isFinalBlock: false, state: default);
        var inDetails = false;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    if (reader.CurrentDepth == 0) return counts;
                    if (reader.CurrentDepth == 1) inDetails = false;
                    continue;
                }
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }
                var depth = reader.CurrentDepth;
                var field = depth == 1 ? Field(ref reader) : inDetails && reader.ValueTextEquals("cached_tokens"u8) ? UsageField.Cached : UsageField.None;
                var isDetails = depth == 1 && (reader.ValueTextEquals("prompt_tokens_details"u8) || reader.ValueTextEquals("input_tokens_details"u8));
                if (!reader.Read())
                {
                    return counts;
                }
                if (field != UsageField.None && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var count) && count >= 0)
                {
                    counts.Set(field, count);
                }
                else if (isDetails && reader.TokenType == JsonTokenType.StartObject)
                {
                    inDetails = true;
                }
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return counts; // the object runs past what was kept
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: keep what was read.
        }
        return counts;
    }

    private static UsageField Field(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("prompt_tokens"u8) || reader.ValueTextEquals("input_tokens"u8) ? UsageField.Input
        : reader.ValueTextEquals("completion_tokens"u8) || reader.ValueTextEquals("output_tokens"u8) ? UsageField.Output
        : reader.ValueTextEquals("cache_read_input_tokens"u8) ? UsageField.CacheRead
        : reader.ValueTextEquals("cache_creation_input_tokens"u8) ? UsageField.CacheCreation
        : UsageField.None;

    private enum UsageField : byte { None, Input, Output, Cached, CacheRead, CacheCreation }

    private struct UsageCounts
    {
        public long? Input, Output, Cached, CacheRead, CacheCreation;

        public void Set(UsageField field, long value)
        {
            switch (field)
            {
                case UsageField.Input: Input = value; break;
                case UsageField.Output: Output = value; break;
                case UsageField.Cached: Cached = value; break;
                case UsageField.CacheRead: CacheRead = value; break;
                case UsageField.CacheCreation: CacheCreation = value; break;
            }
        }

        public void Merge(in UsageCounts later)
        {
            Input = later.Input ?? Input;
            Output = later.Output ?? Output;
            Cached = later.Cached ?? Cached;
            CacheRead = later.CacheRead ?? CacheRead;
            CacheCreation = later.CacheCreation ?? CacheCreation;
        }
    }

    /// <summary>
    /// The bytes after <c>name:</c> for the first or last occurrence of the quoted property
    /// <paramref name="name"/> that is not inside a string (an escaped <c>\"usage\"</c> in generated text
    /// has a backslash before its quote and never matches).
    /// </summary>
    private static ReadOnlySpan<byte> ValueAfter(ReadOnlySpan<byte> text, ReadOnlySpan<byte> name, bool first)
    {
        var searched = text;
        while (true)
        {
            var at = first ? searched.IndexOf(name) : searched.LastIndexOf(name);
            if (at < 0)
            {
                return default;
            }
            var escaped = at > 0 && searched[at - 1] == (byte)'\\';
            var rest = text[(first ? (text.Length - searched.Length) + at + name.Length : at + name.Length)..].TrimStart(" \t\r\n"u8);
            if (!escaped && !rest.IsEmpty && rest[0] == (byte)':')
            {
                return rest[1..].TrimStart(" \t\r\n"u8);
            }
            searched = first ? searched[(at + name.Length)..] : searched[..at];
        }
    }
}
