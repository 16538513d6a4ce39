namespace Gateway.Generator.Validation;

/// <summary>TOML enum values → member names of the runtime enums the emitted code uses.</summary>
internal static class Names
{
    public static string Endpoint(string value) => value switch
    {
        "embeddings" => "Embeddings",
        "audio_speech" => "AudioSpeech",
        "audio_transcription" => "AudioTranscription",
        "image_generation" => "ImageGeneration",
        _ => "Chat",
    };

    public static string Strategy(string value) => value switch
    {
        "weighted" => "Weighted",
        "fallback" => "Fallback",
        "experiment" => "Experiment",
        _ => "Single",
    };
}
