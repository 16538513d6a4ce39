using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats.OpenAiChat;

/// <summary>The <c>function</c> object of an OpenAI tool call (<c>name</c>, <c>arguments</c>), in requests and in stream chunks.</summary>
internal static class OpenAiFunctionReader
{
    /// <summary>
    /// The reader is on the property name <c>function</c> and ends on the value's end; false when it is
    /// neither an object nor <c>null</c> (read as absent).
    /// </summary>
    public static bool Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> source, ref JsonText name, ref JsonText arguments)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, source, out name);
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                JsonValues.TryString(ref reader, source, out arguments);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return true;
    }
}
