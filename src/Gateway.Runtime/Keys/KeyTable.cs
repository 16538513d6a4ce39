using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Gateway.Runtime.Credentials;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Keys;

/// <summary>
/// The gateway keys by SHA-256 digest, built once at start-up (SPEC §11): an <c>env::</c>/<c>file::</c>
/// secret is hashed after it is resolved, a <c>sha256:</c> secret is already a digest. A presented key is
/// hashed and looked up; the digests are compared with <see cref="CryptographicOperations.FixedTimeEquals"/>,
/// so the time taken says nothing about how much of a guess was right. No key value is kept.
/// </summary>
internal sealed class KeyTable
{
    /// <summary>Longer presented values are not keys (and are not hashed).</summary>
    public const int MaxKeyLength = 1024;

    private readonly Dictionary<Digest, int> _byDigest;

    /// <summary>
    /// Header strings already proved to be a key, by reference: Kestrel hands a keep-alive connection the same
    /// string object for a known header whose bytes did not change, so a connection's later requests skip the
    /// hash. Looked up by object identity (constant time, whatever the content); only valid keys are kept, and
    /// an entry goes when its string is collected.
    /// </summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, Verified> _verified = new();

    public KeyTable(KeyDefinition[] keys, Secret?[] secrets)
    {
        Keys = keys;
        _byDigest = new Dictionary<Digest, int>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            var digest = key.Sha256Hex is { } hex
                ? Digest.FromHex(hex)
                : Digest.Of(secrets[key.CredentialSlot]!.Reveal());
            // The generator refuses two keys on one reference; two secrets with equal values are the
            // operator's choice, and the first key wins.
            _byDigest.TryAdd(digest, i);
        }
    }

    public KeyDefinition[] Keys { get; }

    private long _hashed;

    /// <summary>Presented keys hashed so far (tests: a kept connection's later requests are not hashed again).</summary>
    internal long Hashed => Interlocked.Read(ref _hashed);

    public bool IsEmpty => Keys.Length == 0;

    /// <summary>The index of the key whose secret is <paramref name="presented"/>, or -1.</summary>
    public int Find(ReadOnlySpan<char> presented)
    {
        if (presented.IsEmpty || presented.Length > MaxKeyLength)
        {
            return -1;
        }
        Interlocked.Increment(ref _hashed);
        return _byDigest.TryGetValue(Digest.Of(presented), out var index) ? index : -1;
    }

    /// <summary>
    /// <see cref="Find(ReadOnlySpan{char})"/> for a key read from <paramref name="header"/> (the header's value
    /// object, reused by Kestrel across a connection's requests): a string seen before costs one identity lookup.
    /// </summary>
    public int Find(ReadOnlySpan<char> presented, string? header)
    {
        if (header is null)
        {
            return Find(presented);
        }
        if (_verified.TryGetValue(header, out var verified))
        {
            return verified.Index;
        }
        var index = Find(presented);
        if (index >= 0)
        {
            _verified.AddOrUpdate(header, new Verified(index));
        }
        return index;
    }

    private sealed class Verified(int index)
    {
        public int Index { get; } = index;
    }

    /// <summary>32 bytes of SHA-256 as four words: a dictionary key that costs no allocation.</summary>
    private readonly struct Digest : IEquatable<Digest>
    {
        private readonly ulong _a, _b, _c, _d;

        private Digest(ReadOnlySpan<byte> bytes)
        {
            _a = BitConverter.ToUInt64(bytes);
            _b = BitConverter.ToUInt64(bytes[8..]);
            _c = BitConverter.ToUInt64(bytes[16..]);
            _d = BitConverter.ToUInt64(bytes[24..]);
        }

        public static Digest Of(ReadOnlySpan<char> text)
        {
            var max = Encoding.UTF8.GetMaxByteCount(text.Length);
            byte[]? rented = max > 512 ? ArrayPool<byte>.Shared.Rent(max) : null;
            Span<byte> utf8 = rented ?? stackalloc byte[512];
            try
            {
                var length = Encoding.UTF8.GetBytes(text, utf8);
                Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
                SHA256.HashData(utf8[..length], hash);
                return new Digest(hash);
            }
            finally
            {
                if (rented is not null)
                {
                    CryptographicOperations.ZeroMemory(rented);
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        public static Digest FromHex(string hex) => new(Convert.FromHexString(hex));

        public bool Equals(Digest other)
        {
            Span<ulong> mine = [_a, _b, _c, _d];
            Span<ulong> theirs = [other._a, other._b, other._c, other._d];
            return CryptographicOperations.FixedTimeEquals(
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(mine),
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(theirs));
        }

        public override bool Equals(object? obj) => obj is Digest other && Equals(other);

        // A digest is uniformly distributed: its first word is as good a hash as any.
        public override int GetHashCode() => (int)_a ^ (int)(_a >> 32);
    }
}
