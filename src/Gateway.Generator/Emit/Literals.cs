using System.Globalization;
using System.Linq;
using System.Text;

namespace Gateway.Generator.Emit;

/// <summary>C# literals for emitted code; everything non-ASCII or control is escaped so output is stable.</summary>
internal static class Literals
{
    public static string String(string? value)
    {
        if (value is null) return "null";
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                default:
                    if (c < 0x20 || c > 0x7E) builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Long(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    public static string Double(double? value) => value is { } d ? d.ToString("R", CultureInfo.InvariantCulture) + "d" : "null";

    /// <summary>A <c>decimal</c> literal of a TOML number: the shortest round-trip text of the double, so 0.15 stays 0.15m.</summary>
    public static string Decimal(double? value) => value is { } d ? d.ToString("R", CultureInfo.InvariantCulture) + "m" : "null";

    public static string NullableInt(int? value) => value is { } i ? Int(i) : "null";

    public static string Bool(bool value) => value ? "true" : "false";

    public static string StringArray(System.Collections.Generic.IEnumerable<string> values) =>
        "new string[] { " + string.Join(", ", values.Select(String)) + " }";

    /// <summary>A comment-safe rendering of a name (no newlines, no comment terminators).</summary>
    public static string Comment(string value) =>
        new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Replace("*/", "* /");
}
