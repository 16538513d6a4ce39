using System.Collections.Generic;
using System.Linq;
using Gateway.Generator.Diagnostics;
using Gateway.Generator.Model;
using Gateway.Generator.Parsing;

namespace Gateway.Generator.Validation;

/// <summary>
/// Parses credential references. Anything that is not <c>env::NAME</c> or <c>file::PATH</c> is an
/// error, and a value that looks like a key is reported as a literal secret, never echoed back.
/// </summary>
internal static class CredentialReferences
{
    public static CredentialReference? Parse(Located<string> value, string path, List<DiagnosticInfo> diagnostics)
    {
        var text = value.Value;
        if (text.StartsWith("env::", System.StringComparison.Ordinal))
        {
            var name = text.Substring(5);
            if (!IsEnvironmentName(name))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidCredentialReference, value.Location, path,
                    name.Length == 0 ? "the variable name is empty" : $"'{name}' is not a valid environment variable name"));
                return null;
            }
            return new CredentialReference(false, name);
        }
        if (text.StartsWith("file::", System.StringComparison.Ordinal))
        {
            var file = text.Substring(6);
            if (file.Trim().Length == 0 || file.Any(c => c == '\0' || c == '\n' || c == '\r'))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidCredentialReference, value.Location, path, "the file path is empty or contains control characters"));
                return null;
            }
            return new CredentialReference(true, file);
        }

        if (HasScheme(text))
        {
            var separator = text.IndexOf("::", System.StringComparison.Ordinal);
            // A scheme we do not know ("vault::x"): safe to name the scheme, not the rest.
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidCredentialReference, value.Location, path,
                $"unknown scheme '{text.Substring(0, separator)}::' (only env:: and file:: are supported)"));
            return null;
        }
        // sk-..., a bare token, anything without a scheme: treat as a secret and never repeat it.
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LiteralSecret, value.Location, path));
        return null;
    }

    /// <summary>"scheme::rest" with a short alphabetic scheme: meant as a reference (maybe an unknown one), not a secret.</summary>
    public static bool HasScheme(string text)
    {
        var separator = text.IndexOf("::", System.StringComparison.Ordinal);
        return separator > 0 && separator < 16 && text.Substring(0, separator).All(char.IsLetter);
    }

    private static bool IsEnvironmentName(string name) =>
        name.Length > 0
        && (char.IsLetter(name[0]) || name[0] == '_')
        && name.All(c => (c < 128 && char.IsLetterOrDigit(c)) || c == '_');
}
