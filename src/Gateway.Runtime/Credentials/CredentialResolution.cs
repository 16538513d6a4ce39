namespace Gateway.Runtime.Credentials;

/// <summary>The outcome of start-up credential resolution.</summary>
public sealed class CredentialResolution(Secret?[] secrets, IReadOnlyList<string> problems)
{
    /// <summary>Secrets by credential slot; all non-null when <see cref="Succeeded"/>.</summary>
    public Secret?[] Secrets { get; } = secrets;

    /// <summary>One line per missing or empty reference, naming it and who needs it.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;

    public bool Succeeded => Problems.Count == 0;

    /// <summary>The single start-up failure message.</summary>
    public string FormatProblems() =>
        $"gateway: cannot start: {Problems.Count} credential(s) missing:" + Environment.NewLine +
        string.Join(Environment.NewLine, Problems.Select(p => "  - " + p));
}
