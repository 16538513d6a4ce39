using Gateway.Host.FunctionalTests.Support;
namespace Gateway.Host.FunctionalTests.Operability;

/// <summary>
/// The Dockerfile and scripts/publish.sh must publish the same way (a real publish takes minutes, so
/// this checks the recipe, not the binary): same command and flags, only the config and output paths differ.
/// </summary>
public sealed class PublishRecipeTests
{
    [Fact]
    public void Dockerfile_And_PublishScript_RunTheSamePublishCommand()
    {
        var root = HostBuild.RepositoryRoot();
        var docker = PublishCommand(File.ReadAllText(Path.Combine(root, "Dockerfile")));
        var script = PublishCommand(File.ReadAllText(Path.Combine(root, "scripts", "publish.sh")));

        Assert.Equal(script, docker);
        // SPEC §1's native-binary contract, plus the config switch.
        Assert.Equal(["dotnet", "publish", "src/Gateway.Host", "-c", "Release", "-r", "linux-x64", "-p:GatewayConfig=<config>", "-o", "<out>"], script);
    }

    [Fact]
    public void Dockerfile_TakesTheConfigAsBuildArg_AndRunsNonRootOnAMinimalBase()
    {
        var dockerfile = File.ReadAllText(Path.Combine(HostBuild.RepositoryRoot(), "Dockerfile"));

        Assert.Contains("ARG GATEWAY_CONFIG", dockerfile, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y --no-install-recommends clang", dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"FROM mcr\.microsoft\.com/dotnet/runtime-deps:10\.0-\S*chiseled", dockerfile);
        Assert.Contains("USER app", dockerfile, StringComparison.Ordinal);
        Assert.Contains("EXPOSE", dockerfile, StringComparison.Ordinal);
    }

    /// <summary>The line after the PUBLISH-COMMAND marker, tokenised; config and output paths normalised.</summary>
    private static string[] PublishCommand(string file)
    {
        var lines = file.Split('\n');
        var marker = Array.FindIndex(lines, l => l.Contains("PUBLISH-COMMAND", StringComparison.Ordinal));
        Assert.True(marker >= 0 && marker + 1 < lines.Length, "PUBLISH-COMMAND marker missing");
        var command = lines[marker + 1].Trim();
        if (command.StartsWith("RUN ", StringComparison.Ordinal)) command = command[4..];
        var tokens = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].StartsWith("-p:GatewayConfig=", StringComparison.Ordinal)) tokens[i] = "-p:GatewayConfig=<config>";
            if (i > 0 && tokens[i - 1] == "-o") tokens[i] = "<out>";
        }
        return tokens;
    }
}
