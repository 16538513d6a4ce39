using Gateway.Generator.Model;

namespace Gateway.Generator.Emit;

/// <summary>
/// Emits <c>GeneratedGateway.Credentials.g.cs</c>: the credential references (names only, never
/// values) and the start-up method that resolves each of them and reports every problem at once.
/// </summary>
internal static class CredentialsEmitter
{
    public static string Emit(GatewaySpec spec)
    {
        var c = EmitNames.Credentials;
        var w = new IndentedWriter();
        EmitNames.OpenClass(w);

        w.Line($"private static readonly {c}CredentialRequirement[] s_credentials =");
        w.Line("[").Indent();
        foreach (var credential in spec.Credentials)
        {
            var kind = credential.IsFile ? "File" : "Environment";
            w.Line($"new({c}CredentialSourceKind.{kind}, {Literals.String(credential.Name)}, {Literals.String(credential.NeededBy)}),");
        }
        w.Dedent().Line("];");
        w.Line();
        w.Line($"public override {c}CredentialRequirement[] Credentials => s_credentials;");
        w.Line();
        w.Open($"public override {c}CredentialResolution ResolveCredentials({c}ICredentialSource source)");
        w.Line($"var resolver = new {c}CredentialResolver(source, {spec.Credentials.Count});");
        for (var i = 0; i < spec.Credentials.Count; i++)
        {
            var credential = spec.Credentials[i];
            var reference = (credential.IsFile ? "file::" : "env::") + credential.Name;
            w.Line($"resolver.Resolve({i}, s_credentials[{i}]); // {Literals.Comment(reference)}");
        }
        w.Line("return resolver.Complete();");
        w.Close();

        EmitNames.CloseClass(w);
        return w.ToString();
    }
}
