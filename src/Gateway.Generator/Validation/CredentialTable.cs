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
    // Needs: who needs the slot, grouped ("provider 'openai'" → its targets; "gateway key 'ci'" → none).
    private readonly List<(bool IsFile, string Name, List<(string Group, List<string> Users)> Needs)> _slots = new();
    private readonly Dictionary<(bool, string), int> _byReference = new();

    /// <param name="reference">The credential reference.</param>
    /// <param name="providerId">The provider the credential is presented to.</param>
    /// <param name="user">Who uses it, e.g. <c>target 'primary'</c>.</param>
    public int Slot(CredentialReference reference, string providerId, string user) =>
        AddUser(reference, $"provider '{providerId}'", user);

    /// <summary>A slot needed by something other than a provider: <c>gateway key 'ci'</c>, <c>[limits] redis</c>.</summary>
    public int Slot(CredentialReference reference, string neededBy) => AddUser(reference, neededBy, null);

    private int AddUser(CredentialReference reference, string group, string? user)
    {
        var key = (reference.IsFile, reference.Name);
        if (!_byReference.TryGetValue(key, out var slot))
        {
            slot = _slots.Count;
            _byReference[key] = slot;
            _slots.Add((reference.IsFile, reference.Name, new List<(string, List<string>)>()));
        }
        var needs = _slots[slot].Needs;
        var entry = needs.FirstOrDefault(n => n.Group == group);
        if (entry.Users is null)
        {
            entry = (group, new List<string>());
            needs.Add(entry);
        }
        if (user is not null && !entry.Users.Contains(user)) entry.Users.Add(user);
        return slot;
    }

    /// <summary>"provider 'openai' for target 'a', function 'f' (model 'm')"; providers separated by "; ".</summary>
    public EquatableArray<CredentialSpec> ToSpecs() =>
        _slots.Select(s => new CredentialSpec(
            s.IsFile,
            s.Name,
            string.Join("; ", s.Needs.Select(n => n.Users.Count == 0 ? n.Group : $"{n.Group} for {string.Join(", ", n.Users)}")))).ToEquatableArray();
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
