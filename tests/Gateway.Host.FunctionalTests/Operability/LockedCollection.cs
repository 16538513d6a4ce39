using System.Collections.ObjectModel;

namespace Gateway.Host.FunctionalTests.Operability;

/// <summary>
/// A collection the in-memory exporters may add to from several threads at once (the simple span processor
/// exports on whichever request thread ends an activity). Read it through <see cref="Snapshot"/>.
/// </summary>
internal sealed class LockedCollection<T> : Collection<T>
{
    private readonly Lock _gate = new();

    public T[] Snapshot()
    {
        lock (_gate)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, T item)
    {
        lock (_gate)
        {
            base.InsertItem(index, item);
        }
    }
}
