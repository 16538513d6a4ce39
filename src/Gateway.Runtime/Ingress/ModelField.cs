namespace Gateway.Runtime.Ingress;

/// <summary>
/// The request's <c>model</c> as found in the buffered body: its unescaped value and where its raw
/// bytes sit, so a rewrite can splice them without re-serializing the body (SPEC §3.3).
/// </summary>
/// <param name="Value">The unescaped model name.</param>
/// <param name="Start">Offset of the raw value (for JSON: the opening quote; for multipart: the first byte of the part body).</param>
/// <param name="Length">Length of the raw value (JSON: including both quotes).</param>
/// <param name="Stream">The body asked for <c>"stream": true</c>.</param>
/// <param name="Listing">
/// The name's index in <see cref="Model.CompiledGateway.ModelListings"/> when the peek looked it up (-1: not
/// listed), or <see cref="NotLookedUp"/>. Resolution and telemetry read it instead of looking the name up again.
/// </param>
internal readonly record struct ModelField(string Value, int Start, int Length, bool Stream, int Listing = ModelField.NotLookedUp)
{
    public const int NotLookedUp = -2;
}
