using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Hosting;

/// <summary>
/// <c>GET /v1/models</c> and <c>/v1/models/{id}</c> bodies, rendered once at start-up: the table cannot
/// change while the process runs (SPEC §3, OpenAI list shape).
/// </summary>
internal sealed class ModelsDocument
{
    private readonly FrozenDictionary<string, byte[]> _byId;

    public ModelsDocument(ModelListing[] listings)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var byId = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("object"u8, "list"u8);
            writer.WriteStartArray("data"u8);
            foreach (var listing in listings)
            {
                WriteModel(writer, listing);
                byId.TryAdd(listing.Id, Single(listing));
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        List = buffer.WrittenSpan.ToArray();
        _byId = byId.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public byte[] List { get; }

    public byte[]? Find(string id) => _byId.GetValueOrDefault(id);

    private static byte[] Single(ModelListing listing)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteModel(writer, listing);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteModel(Utf8JsonWriter writer, ModelListing listing)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, listing.Id);
        writer.WriteString("object"u8, "model"u8);
        writer.WriteNumber("created"u8, 0);
        writer.WriteString("owned_by"u8, listing.OwnedBy);
        writer.WriteEndObject();
    }
}
