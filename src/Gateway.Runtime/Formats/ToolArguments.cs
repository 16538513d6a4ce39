using System.Text.Json;
using Gateway.Runtime.Formats.Canonical;

namespace Gateway.Runtime.Formats;

/// <summary>Tool-call arguments: a JSON string holding JSON (OpenAI) ↔ a JSON object (Anthropic).</summary>
internal static class ToolArguments
{
    public static void WriteAsString(Utf8JsonWriter writer, FunctionCallContent call)
    {
        if (!call.ArgumentsString.IsDefault)
        {
            call.ArgumentsString.WriteTo(writer);
        }
        else if (!call.Arguments.IsEmpty)
        {
            writer.WriteStringValue(call.Arguments.Utf8.Span);
        }
        else
        {
            writer.WriteStringValue("{}"u8);
        }
    }

    /// <summary>False when the string does not hold one JSON object (the model produced broken arguments).</summary>
    public static bool TryWriteAsObject(Utf8JsonWriter writer, FunctionCallContent call)
    {
        if (!call.Arguments.IsEmpty)
        {
            call.Arguments.WriteTo(writer);
            return true;
        }
        var decoded = JsonValues.Decoded(call.ArgumentsString).Span.Trim(" \t\r\n"u8);
        if (decoded.IsEmpty)
        {
            // OpenAI sends "" for a call without arguments; Anthropic needs an object.
            writer.WriteRawValue("{}"u8, skipInputValidation: true);
            return true;
        }
        if (!JsonValues.IsJsonObject(decoded))
        {
            return false;
        }
        writer.WriteRawValue(decoded, skipInputValidation: true);
        return true;
    }
}
