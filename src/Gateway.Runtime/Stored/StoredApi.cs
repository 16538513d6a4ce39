namespace Gateway.Runtime.Stored;

/// <summary>Which stored-object API a request is for (SPEC §10).</summary>
internal enum StoredApi : byte
{
    /// <summary><c>/v1/files</c>, relayed to <c>[files] provider</c>.</summary>
    Files,
    /// <summary><c>/v1/responses/{id}</c>, relayed to <c>[responses] provider</c>.</summary>
    Responses,
}
