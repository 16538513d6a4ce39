using Gateway.Runtime.Credentials;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Hosting;

/// <summary>
/// <c>gateway --check</c>: prints the compiled route table and whether every credential reference
/// resolves, without listening. Exit 0 when all resolve, 2 otherwise (the start-up contract of SPEC §1),
/// so a deployment can run it as a pre-flight step. Credential references are printed by NAME; resolved
/// values are never printed (S4), and static header values are left out too (only their names).
/// </summary>
public static class GatewayCheck
{
    /// <summary>The command-line switch.</summary>
    public const string Switch = "--check";

    /// <summary>True when <paramref name="args"/> asks for the check.</summary>
    public static bool IsRequested(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Array.IndexOf(args, Switch) >= 0;
    }

    /// <summary>Prints the table to <paramref name="output"/>; returns the process exit code.</summary>
    public static int Run(CompiledGateway gateway, TextWriter output, ICredentialSource? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(output);
        var resolution = gateway.ResolveCredentials(credentials ?? ProcessCredentialSource.Instance);
        RouteTableWriter.Write(gateway, resolution.Secrets, output);

        var missing = 0;
        for (var i = 0; i < gateway.Credentials.Length; i++)
        {
            if (i >= resolution.Secrets.Length || resolution.Secrets[i] is null) missing++;
        }
        output.WriteLine();
        if (resolution.Succeeded)
        {
            output.WriteLine($"check: OK ({gateway.Credentials.Length} credential reference(s) resolve)");
            return 0;
        }
        output.WriteLine($"check: FAILED ({missing} of {gateway.Credentials.Length} credential reference(s) do not resolve)");
        foreach (var problem in resolution.Problems)
        {
            output.WriteLine("  - " + problem);
        }
        return GatewayApplication.MissingCredentialsExitCode;
    }
}
