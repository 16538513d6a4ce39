namespace Gateway.Runtime.Ingress;

/// <summary>Outcome of buffering the request body.</summary>
internal enum BodyReadStatus : byte
{
    Complete,
    /// <summary>Over <c>max_request_body_bytes</c> (declared or counted): 413.</summary>
    TooLarge,
    /// <summary>The client sent a malformed body (bad chunking): 400.</summary>
    Malformed,
    /// <summary>The client went away; nothing to answer.</summary>
    ClientAborted,
}
