namespace Gateway.Generator;

/// <summary>Names of the pipeline steps, so caching tests can assert each step was cached or unchanged.</summary>
internal static class TrackingNames
{
    public const string ConfigFiles = nameof(ConfigFiles);
    public const string Compile = nameof(Compile);
    public const string Spec = nameof(Spec);
    public const string Diagnostics = nameof(Diagnostics);
}
