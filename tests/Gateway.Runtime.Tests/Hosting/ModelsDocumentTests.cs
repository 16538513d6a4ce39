using System.Text.Json;
using Gateway.Runtime.Hosting;
using Gateway.Runtime.Model;

namespace Gateway.Runtime.Tests.Hosting;

public sealed class ModelsDocumentTests
{
    [Fact]
    public void List_HasTheOpenAiListShape_AndFindReturnsOneModel()
    {
        var document = new ModelsDocument([new ModelListing("gpt-4o", "openai"), new ModelListing("smart", "gateway")]);

        using var list = JsonDocument.Parse(document.List);
        Assert.Equal("list", list.RootElement.GetProperty("object").GetString());
        var data = list.RootElement.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["gpt-4o", "smart"], data.Select(d => d.GetProperty("id").GetString()));
        Assert.Equal("gateway", data[1].GetProperty("owned_by").GetString());
        Assert.Equal("model", data[0].GetProperty("object").GetString());
        Assert.Equal(0, data[0].GetProperty("created").GetInt32());

        using var one = JsonDocument.Parse(document.Find("smart")!);
        Assert.Equal("smart", one.RootElement.GetProperty("id").GetString());
        Assert.Null(document.Find("Smart"));
    }
}
