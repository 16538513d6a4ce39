namespace Gateway.Runtime.Model;

/// <summary>Compiled <c>[limits]</c> table (SPEC §11): where key windows and budgets are counted.</summary>
/// <param name="store">Memory (one process) or Redis (shared by replicas).</param>
/// <param name="redisCredentialSlot">Index into <see cref="CompiledGateway.Credentials"/> of the <c>redis</c> reference, or -1 for the memory store.</param>
/// <param name="onStoreError">What a request gets while the store is unreachable.</param>
public sealed class LimitsSettings(LimitStoreKind store, int redisCredentialSlot, StoreErrorPolicy onStoreError)
{
    public static LimitsSettings Memory { get; } = new(LimitStoreKind.Memory, -1, StoreErrorPolicy.Deny);

    public LimitStoreKind Store { get; } = store;
    public int RedisCredentialSlot { get; } = redisCredentialSlot;
    public StoreErrorPolicy OnStoreError { get; } = onStoreError;
}

