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
    private readonly List<(bool IsFile, string Name, List<(string Provider, List<string> Users)> Needs)> _slots = new();
    private readonly Dictionary<(bool, string), int> _byReference = new();

    /// <param name="reference">The credential reference.</param>
    /// <param name="providerId">The provider the credential is presented to.</param>
    /// <param name="user">Who uses it, e.g. <c>target 'primary'</c>.</param>
    public int Slot(CredentialReference reference, string providerId, string user)
    {
        var key = (reference.IsFile, reference.Name);
        if (!_byReference.TryGetValue(key, out var slot))
        {
            slot = _slots.Count;
            _byReference[key] = slot;
            _slots.Add((reference.IsFile, reference.Name, new List<(string, List<string>)>()));
        }
        var needs = _slots[slot].Needs;
        var entry = needs.FirstOrDefault(n => n.Provider == providerId);
        if (entry.Users is null)
        {
            entry = (providerId, new List<string>());
            needs.Add(entry);
        }
        if (!entry.Users.Contains(user)) entry.Users.Add(user);
        return slot;
    }

    /// <summary>"provider 'openai' for target 'a', function 'f' (model 'm')"; providers separated by "; ".</summary>
    public EquatableArray<CredentialSpec> ToSpecs() =>
        _slots.Select(s => new CredentialSpec(
            s.IsFile,
            s.Name,
            string.Join("; ", s.Needs.Select(n => $"provider '{n.Provider}' for {string.Join(", ", n.Users)}")))).ToEquatableArray();
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
