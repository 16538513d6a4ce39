using System.Text.RegularExpressions;
using Gateway.Host.FunctionalTests.Support;
using Gateway.Runtime.Credentials;
using Gateway.Runtime.Model;

namespace Gateway.Host.FunctionalTests.Operability;

/// <summary>
/// The replicas recipe (deploy/replicas: compose.yaml, gateway.toml, nginx.conf; README "Replicas with shared
/// limits") must stay consistent with the config it builds and the Dockerfile: a compose file that forgot a
/// credential or a port would fail only when someone deploys it.
/// </summary>
public sealed class DeploymentRecipeTests
{
    private static readonly string Dir = Path.Combine(HostBuild.RepositoryRoot(), "deploy", "replicas");

    private static string Compose => File.ReadAllText(Path.Combine(Dir, "compose.yaml"));

    private static string Value(string yaml, string key) =>
        Regex.Match(yaml, @"^\s*" + Regex.Escape(key) + @":\s*""?([^""\s#]+)""?", RegexOptions.Multiline) is { Success: true } m
            ? m.Groups[1].Value
            : throw new Xunit.Sdk.XunitException($"compose.yaml has no '{key}:'");

    [Fact]
    public void A2_Recipe_BuildsItsConfig_WithTheRedisStore_AndSetsEveryCredentialItNeeds()
    {
        var configPath = Value(Compose, "GATEWAY_CONFIG");
        var config = File.ReadAllText(Path.Combine(HostBuild.RepositoryRoot(), configPath));
        var gateway = ScenarioCompiler.Compile(config);

        Assert.Equal(LimitStoreKind.Redis, gateway.Limits.Store);
        Assert.NotEmpty(gateway.Keys);
        var needed = gateway.Credentials.Where(c => c.Kind == CredentialSourceKind.Environment).Select(c => c.Name).Distinct().ToArray();
        Assert.Contains("REDIS_URL", needed);
        foreach (var name in needed)
        {
            Assert.Matches(new Regex(@"^\s+" + Regex.Escape(name) + @":\s*\S", RegexOptions.Multiline), Compose);
        }
        Assert.StartsWith("redis://redis:", Value(Compose, "REDIS_URL"), StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^  redis:\s*$", RegexOptions.Multiline), Compose);
        Assert.DoesNotContain(gateway.Credentials, c => c.Kind == CredentialSourceKind.File); // nothing to mount
    }

    [Fact]
    public void Recipe_PortsAgree_WithTheConfigTheDockerfileAndTheBalancer()
    {
        var gateway = ScenarioCompiler.Compile(File.ReadAllText(Path.Combine(HostBuild.RepositoryRoot(), Value(Compose, "GATEWAY_CONFIG"))));
        var port = Value(Compose, "GATEWAY_PORT");
        var dockerfile = File.ReadAllText(Path.Combine(HostBuild.RepositoryRoot(), Value(Compose, "dockerfile")));
        var nginx = File.ReadAllText(Path.Combine(Dir, "nginx.conf"));

        Assert.Equal(gateway.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), port);
        Assert.Contains("ARG GATEWAY_PORT", dockerfile, StringComparison.Ordinal);
        Assert.Contains("ARG GATEWAY_CONFIG", dockerfile, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^\s+- """ + port + @"""\s*$", RegexOptions.Multiline), Compose); // expose
        Assert.Contains("server gateway:" + port + ";", nginx, StringComparison.Ordinal);
        Assert.Contains("proxy_buffering off;", nginx, StringComparison.Ordinal); // streams leave as they are made
    }
}
