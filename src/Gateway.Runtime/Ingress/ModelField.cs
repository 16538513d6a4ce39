namespace Gateway.Runtime.Ingress;

/// <summary>
/// The request's <c>model</c> as found in the buffered body: its unescaped value and where its raw
/// bytes sit, so a rewrite can splice them without re-serializing the body (SPEC §3.3).
/// </summary>
/// <param name="Value">The unescaped model name.</param>
/// <param name="Start">Offset of the raw value (for JSON: the opening quote; for multipart: the first byte of the part body).</param>
/// <param name="Length">Length of the raw value (JSON: including both quotes).</param>
/// <param name="Stream">The body asked for <c>"stream": true</c>.</param>
/// <param name="Listed">Whether the compiled table lists the name (<see cref="Model.CompiledGateway.ModelListings"/>), when the peek already looked it up; null when not.</param>
internal readonly record struct ModelField(string Value, int Start, int Length, bool Stream, bool? Listed = null);
