using Gateway.Runtime.Routing;

namespace Gateway.Runtime.Tests.Routing;

public sealed class ModelReferenceTests
{
    [Theory]
    [InlineData("gpt-4o", nameof(ModelPrefix.None), "", "gpt-4o")]
    [InlineData("function::summarize", nameof(ModelPrefix.Function), "", "summarize")]
    [InlineData("route::primary", nameof(ModelPrefix.Route), "", "primary")]
    [InlineData("openai::gpt-4o", nameof(ModelPrefix.Provider), "openai", "gpt-4o")]
    [InlineData("ollama::llama3::8b", nameof(ModelPrefix.Provider), "ollama", "llama3::8b")]
    [InlineData("Function::x", nameof(ModelPrefix.Provider), "Function", "x")]
    [InlineData("::x", nameof(ModelPrefix.Provider), "", "x")]
    public void Parse_SplitsAtTheFirstSeparator_CaseSensitively(string model, string prefix, string qualifier, string name)
    {
        var reference = ModelReference.Parse(model);
        Assert.Equal(Enum.Parse<ModelPrefix>(prefix), reference.Prefix);
        Assert.Equal(qualifier, reference.Qualifier.ToString());
        Assert.Equal(name, reference.Name.ToString());
    }
}
