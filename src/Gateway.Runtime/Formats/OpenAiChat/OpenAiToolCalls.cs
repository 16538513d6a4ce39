using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.OpenAiChat;

/// <summary>One <c>tool_calls[]</c> entry, <c>{id, type: "function", function: {name, arguments}}</c>: in requests and responses alike.</summary>
internal static class OpenAiToolCalls
{
    /// <summary>The reader is on the entry's start and ends on its end; absent fields stay default.</summary>
    public static void Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, out JsonText id, out JsonText name, out JsonText arguments)
    {
        id = default;
        name = default;
        arguments = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out id);
            }
            else if (reader.ValueTextEquals("function"u8))
            {
                reader.Read();
                ReadFunction(ref reader, body, ref name, ref arguments);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadFunction(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, ref JsonText name, ref JsonText arguments)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out name);
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out arguments);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    public static void Write(Utf8JsonWriter writer, FunctionCallContent call)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("id"u8);
        call.CallId.WriteTo(writer);
        writer.WriteString("type"u8, "function"u8);
        writer.WritePropertyName("function"u8);
        writer.WriteStartObject();
        writer.WritePropertyName("name"u8);
        call.Name.WriteTo(writer);
        writer.WritePropertyName("arguments"u8);
        ToolArguments.WriteAsString(writer, call);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
