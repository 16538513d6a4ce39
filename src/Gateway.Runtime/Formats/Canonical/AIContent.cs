namespace Gateway.Runtime.Formats.Canonical;

/// <summary>One piece of a message (Microsoft.Extensions.AI's content vocabulary).</summary>
internal abstract class AIContent
{
}
