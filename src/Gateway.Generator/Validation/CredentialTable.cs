using System.Collections.Generic;
using System.Linq;
using Gateway.Generator.Model;

namespace Gateway.Generator.Validation;

/// <summary>
/// Deduplicated credential references: one slot per distinct env::/file:: reference, remembering
/// everyone who needs it so the start-up message can say so.
/// </summary>
internal sealed class CredentialTable
{
    private readonly List<(bool IsFile, string Name, List<string> Users)> _slots = new();
    private readonly Dictionary<(bool, string), int> _byReference = new();

    public int Slot(CredentialReference reference, string user)
    {
        var key = (reference.IsFile, reference.Name);
        if (!_byReference.TryGetValue(key, out var slot))
        {
            slot = _slots.Count;
            _byReference[key] = slot;
            _slots.Add((reference.IsFile, reference.Name, new List<string>()));
        }
        var users = _slots[slot].Users;
        if (!users.Contains(user)) users.Add(user);
        return slot;
    }

    public EquatableArray<CredentialSpec> ToSpecs() =>
        _slots.Select(s => new CredentialSpec(s.IsFile, s.Name, string.Join(", ", s.Users))).ToEquatableArray();
}

/// <summary>A parsed <c>env::NAME</c> or <c>file::PATH</c>.</summary>
internal readonly record struct CredentialReference(bool IsFile, string Name)
{
    /// <summary>The convention for a provider without a credential: <c>env::&lt;ID&gt;_API_KEY</c>, id upper-cased, non-alphanumerics → '_'.</summary>
    public static CredentialReference Conventional(string providerId)
    {
        var chars = providerId.ToUpperInvariant().Select(c => (c is >= 'A' and <= 'Z') || (c is >= '0' and <= '9') ? c : '_').ToArray();
        return new CredentialReference(false, new string(chars) + "_API_KEY");
    }
}
