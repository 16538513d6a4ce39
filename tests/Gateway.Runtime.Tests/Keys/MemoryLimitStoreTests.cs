using Gateway.Runtime.Keys;

namespace Gateway.Runtime.Tests.Keys;

/// <summary>The in-process store: exact under concurrency, windows independent.</summary>
public sealed class MemoryLimitStoreTests
{
    private static readonly WindowCounter Window = new("k", CounterKind.Requests, 60_000, 120_000);

    [Fact]
    public async Task A2_ConcurrentTakes_AdmitExactlyTheLimit()
    {
        await using var store = new MemoryLimitStore();
        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => store.TryTakeAsync(Window, 100, default).AsTask())));

        Assert.Equal(100, answers.Count(a => a == StoreAnswer.Taken));
        Assert.Equal(900, answers.Count(a => a == StoreAnswer.AtLimit));
        Assert.Equal(new StoreReading(true, 100), store.Current(Window));
    }

    [Fact]
    public async Task A2_EachWindowAndKey_IsCountedOnItsOwn()
    {
        await using var store = new MemoryLimitStore();
        var next = Window with { WindowStartMs = 120_000, WindowEndMs = 180_000 };
        var other = Window with { KeyName = "other" };

        Assert.Equal(StoreAnswer.Taken, await store.TryTakeAsync(Window, 1, default));
        Assert.Equal(StoreAnswer.AtLimit, await store.TryTakeAsync(Window, 1, default));
        Assert.Equal(StoreAnswer.Taken, await store.TryTakeAsync(next, 1, default));
        Assert.Equal(StoreAnswer.Taken, await store.TryTakeAsync(other, 1, default));
    }

    [Fact]
    public async Task A3_ConcurrentAdditions_SumExactly()
    {
        await using var store = new MemoryLimitStore();
        var tokens = Window with { Kind = CounterKind.Tokens };
        await Task.WhenAll(Enumerable.Range(1, 1000).Select(i => Task.Run(() => store.Add(tokens, i))));

        Assert.Equal(new StoreReading(true, 500_500), store.Current(tokens));
        Assert.Equal(new StoreReading(true, 0), store.Current(Window)); // another counter of the same window
    }

    [Fact]
    public async Task ClosedWindows_AreForgotten_WhenALaterOneOpens()
    {
        await using var store = new MemoryLimitStore();
        store.Add(Window, 5);
        var muchLater = Window with { WindowStartMs = 10 * 60_000, WindowEndMs = 11 * 60_000 };
        store.Add(muchLater, 1);

        Assert.Equal(new StoreReading(true, 0), store.Current(Window));
        Assert.Equal(new StoreReading(true, 1), store.Current(muchLater));
    }

    [Fact]
    public async Task AKeyNameThatIsAnotherStringInstance_CountsInTheSameWindow()
    {
        await using var store = new MemoryLimitStore();
        var sameName = Window with { KeyName = new string(Window.KeyName.AsSpan()) };
        Assert.NotSame(Window.KeyName, sameName.KeyName);

        store.Add(Window, 2);
        store.Add(sameName, 3);

        Assert.Equal(new StoreReading(true, 5), store.Current(Window));
        Assert.Equal(new StoreReading(true, 5), store.Current(sameName));
    }

    [Fact]
    public async Task AWindowForgottenByASweep_StartsAgainFromZero_ForTakesAndReads()
    {
        await using var store = new MemoryLimitStore();
        store.Add(Window, 5);
        store.Add(Window with { WindowStartMs = 10 * 60_000, WindowEndMs = 11 * 60_000 }, 1); // sweeps Window

        Assert.Equal(StoreAnswer.Taken, await store.TryTakeAsync(Window, 1, default));
        Assert.Equal(new StoreReading(true, 1), store.Current(Window));
        Assert.Equal(StoreAnswer.AtLimit, await store.TryTakeAsync(Window, 1, default));
    }
}
