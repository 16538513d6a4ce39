namespace Gateway.Runtime.Keys;

/// <summary>The caller's gateway key as the dispatcher found it: an index into <see cref="KeyTable.Keys"/> (-1: no <c>[keys]</c>), and whether it came in <c>x-gateway-key</c>.</summary>
internal readonly record struct CallerKey(int Index, bool Dedicated);
