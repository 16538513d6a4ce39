using System.Text.Json;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Ingress;

/// <summary>
/// Reads the top-level <c>model</c> (and <c>stream</c>) of a JSON body with <see cref="Utf8JsonReader"/>:
/// one forward pass, no DOM, no deserialization (SPEC §3). The whole document is validated so a
/// malformed body is a 400 here rather than an upstream's problem.
/// </summary>
internal static class JsonModelPeeker
{
    /// <summary>Longest model name (UTF-8 bytes) read without allocating; longer ones are simply allocated.</summary>
    private const int StackNameLength = 256;

    /// <param name="json">The buffered body.</param>
    /// <param name="field">The model field when <see cref="PeekStatus.Found"/>.</param>
    /// <param name="gateway">The compiled table: a model name it lists is returned as its string (no allocation per request).</param>
    public static PeekStatus Peek(ReadOnlySpan<byte> json, out ModelField field, CompiledGateway? gateway = null)
    {
        field = default;
        try
        {
            return PeekCore(json, out field, gateway);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Utf8JsonReader reports malformed input (and GetString invalid UTF-8) only by throwing;
            // turn it into a value at the boundary.
            field = default;
            return PeekStatus.Malformed;
        }
    }

    private static PeekStatus PeekCore(ReadOnlySpan<byte> json, out ModelField field, CompiledGateway? gateway)
    {
        field = default;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return PeekStatus.Malformed;
        }

        string? model = null;
        var listing = ModelField.NotLookedUp;
        int start = 0, length = 0;
        bool stream = false, seenModel = false, seenStream = false;
        var wrongType = false;
        var duplicate = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
            {
                break;
            }
            // Top-level property names only, compared as the most lenient upstream would (unescaped,
            // case-folded): a second spelling of "model" or "stream" could be the one the upstream keeps.
            if (JsonPropertyNames.EqualsIgnoreCase(ref reader, "model"))
            {
                duplicate |= seenModel;
                seenModel = true;
                reader.Read();
                if (duplicate || reader.TokenType != JsonTokenType.String)
                {
                    wrongType = true;
                    reader.Skip();
                    continue;
                }
                start = (int)reader.TokenStartIndex;
                model = ReadModel(ref reader, gateway, out listing);
                length = (int)reader.BytesConsumed - start;
            }
            else if (JsonPropertyNames.EqualsIgnoreCase(ref reader, "stream"))
            {
                duplicate |= seenStream;
                seenStream = true;
                reader.Read();
                stream = reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        // Anything after the root object is malformed; the reader throws on trailing non-whitespace.
        while (reader.Read())
        {
        }

        if (duplicate)
        {
            return PeekStatus.Duplicate;
        }
        if (wrongType || (model is not null && model.Length == 0))
        {
            return PeekStatus.WrongType;
        }
        if (model is null)
        {
            return PeekStatus.Missing;
        }
        field = new ModelField(model, start, length, stream, listing);
        return PeekStatus.Found;
    }

    private static string ReadModel(ref Utf8JsonReader reader, CompiledGateway? gateway, out int listing)
    {
        listing = ModelField.NotLookedUp;
        // An unescaped value never has more UTF-16 chars than UTF-8 bytes; CopyString unescapes and
        // validates UTF-8 exactly like GetString (and throws the same InvalidOperationException).
        if (gateway is null || reader.HasValueSequence || reader.ValueSpan.Length > StackNameLength)
        {
            return reader.GetString()!;
        }
        Span<char> chars = stackalloc char[StackNameLength];
        var written = reader.CopyString(chars);
        return gateway.ModelName(chars[..written], out listing);
    }
}
