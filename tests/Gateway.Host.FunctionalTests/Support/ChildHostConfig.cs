using System.Globalization;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>The config the child-process tests build the real host from: route <c>smart</c> to a fake upstream.</summary>
internal static class ChildHostConfig
{
    /// <param name="upstreamPort">The <see cref="FakeUpstream"/>'s port.</param>
    /// <param name="server">Optional <c>[server]</c> keys, one per line.</param>
    public static string SmartRoute(int upstreamPort, string? server = null) => $$"""
        [server]
        {{server}}

        [providers.fake]
        base_url = "http://127.0.0.1:{{upstreamPort.ToString(CultureInfo.InvariantCulture)}}/v1"
        models = ["up-model"]
        auth_type = "none"

        [targets.primary]
        model = "up-model"

        [routes.smart]
        models = ["smart"]
        targets = ["primary"]
        """;
}
