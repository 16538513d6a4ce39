namespace Gateway.Runtime.Relay;

/// <summary>What <see cref="SseDataParser.TryRead"/> found.</summary>
internal enum SseParseStatus : byte
{
    /// <summary>No complete event yet: append more bytes.</summary>
    NeedMore,
    /// <summary>An event's data is ready.</summary>
    Event,
    /// <summary>A line or an event's data passed <see cref="SseDataParser.MaxEventBytes"/>.</summary>
    TooLarge,
}
