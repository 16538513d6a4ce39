using Gateway.Runtime.Model;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// Compiles scenario TOML with the real generator, in memory, so a scenario's <c>base_url</c> can name
/// the fake upstream's dynamic port, and returns its loaded <c>GeneratedGateway.Instance</c>
/// (<see cref="GeneratorHarness"/>, shared with the generator tests).
/// </summary>
internal static class ScenarioCompiler
{
    public static CompiledGateway Compile(string toml) => GeneratorHarness.Run(toml, "/scenario/gateway.toml").Load();
}
