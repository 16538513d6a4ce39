namespace Gateway.Runtime.Formats.Canonical;

/// <summary>One conversation entry: a role and its contents, in order.</summary>
internal sealed class ChatMessage(ChatRole role)
{
    public ChatRole Role { get; } = role;

    public List<AIContent> Contents { get; } = new(2);
}
