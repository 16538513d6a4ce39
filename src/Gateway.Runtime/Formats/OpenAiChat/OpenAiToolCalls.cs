using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.OpenAiChat;

/// <summary>One <c>tool_calls[]</c> entry, <c>{id, type: "function", function: {name, arguments}}</c>: in requests and responses alike.</summary>
internal static class OpenAiToolCalls
{
    /// <summary>
    /// The reader is on the entry's start and ends on its end; absent fields stay default. False when
    /// <c>function</c> is neither an object nor null (<see cref="OpenAiFunctionReader"/>).
    /// </summary>
    public static bool Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, out JsonText id, out JsonText name, out JsonText arguments)
    {
        id = default;
        name = default;
        arguments = default;
        var functionIsObject = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, body, out id);
            }
            else if (reader.ValueTextEquals("function"u8))
            {
                functionIsObject &= OpenAiFunctionReader.Read(ref reader, body, ref name, ref arguments);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return functionIsObject;
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
