using System.Buffers;

namespace Gateway.Runtime.Buffers;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/>: the buffered request body (kept
/// for retries) and rewritten bodies. Return it with <see cref="Dispose"/>.
/// </summary>
internal sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _array;

    public PooledBuffer(int initialCapacity)
    {
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
    }

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, Length);

    public ReadOnlySpan<byte> Span => _array.AsSpan(0, Length);

    /// <summary>Free space to read into, growing (doubling) when full.</summary>
    public Memory<byte> GetFreeMemory(int sizeHint)
    {
        if (_array.Length - Length < sizeHint)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, Length + sizeHint));
            _array.AsSpan(0, Length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = bigger;
        }
        return _array.AsMemory(Length);
    }

    public void Advance(int count) => Length += count;

    /// <summary><see cref="IBufferWriter{T}"/>, so a <see cref="System.Text.Json.Utf8JsonWriter"/> writes translated bodies straight into pooled memory.</summary>
    public Memory<byte> GetMemory(int sizeHint = 0) => GetFreeMemory(Math.Max(sizeHint, 256));

    public Span<byte> GetSpan(int sizeHint = 0) => GetFreeMemory(Math.Max(sizeHint, 256)).Span;

    /// <summary>Empties the buffer and keeps its array for the next use.</summary>
    public void Clear() => Length = 0;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetFreeMemory(bytes.Length).Span);
        Length += bytes.Length;
    }

    public void Dispose()
    {
        var array = _array;
        _array = [];
        Length = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
