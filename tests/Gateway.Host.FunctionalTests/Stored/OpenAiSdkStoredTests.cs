using System.ClientModel;
using System.Text;
using Gateway.Host.FunctionalTests.Support;
using OpenAI;
using OpenAI.Files;
using OpenAI.Responses;

namespace Gateway.Host.FunctionalTests.Stored;

#pragma warning disable OPENAI001 // the Responses client is marked experimental in the SDK

/// <summary>
/// Issue 14: the official OpenAI .NET SDK, unchanged, on the stored-object endpoints (SPEC §10): its file
/// client uploads, lists, gets, downloads and deletes a file through the gateway (managed <c>[files]</c>), and
/// its Responses client gets, lists the input items of, cancels and deletes a stored response (passthrough
/// <c>[responses]</c>), against a fake that stores them like OpenAI.
/// </summary>
public sealed class OpenAiSdkStoredTests
{
    private static OpenAIClientOptions Options(GatewayHarness h) => new() { Endpoint = new Uri(h.Address, "/v1"), NetworkTimeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task X9_OpenAiSdkFileClient_UploadListGetDownloadDelete()
    {
        await using var h = await GatewayHarness.StartAsync(StoredScenario.Toml);
        h.Upstream.Handler = new StoredScripts().Handle;
        var client = new OpenAIFileClient(new ApiKeyCredential(Sentinels.CallerKey), Options(h));
        var content = Encoding.UTF8.GetBytes("{\"prompt\":\"hi\"}\n");

        OpenAIFile uploaded = await client.UploadFileAsync(new MemoryStream(content), "train.jsonl", FileUploadPurpose.FineTune);
        Assert.Equal("train.jsonl", uploaded.Filename);
        Assert.Equal(content.Length, uploaded.SizeInBytesLong);

        OpenAIFileCollection all = await client.GetFilesAsync();
        Assert.Equal(uploaded.Id, Assert.Single(all).Id);

        OpenAIFile got = await client.GetFileAsync(uploaded.Id);
        Assert.Equal(FilePurpose.FineTune, got.Purpose);

        BinaryData downloaded = await client.DownloadFileAsync(uploaded.Id);
        Assert.Equal(content, downloaded.ToArray());

        FileDeletionResult deleted = await client.DeleteFileAsync(uploaded.Id);
        Assert.True(deleted.Deleted);
        Assert.Empty((OpenAIFileCollection)await client.GetFilesAsync());

        Assert.All(h.Upstream.Requests, r =>
        {
            Assert.StartsWith("/oai/v1/files", r.Path, StringComparison.Ordinal);
            Assert.Equal("Bearer " + Sentinels.GatewayKey, Assert.Single(r.HeaderValues("Authorization")));
            Sentinels.AssertAbsent(Sentinels.CallerKey, r.AllText, "a managed file request");
        });
    }

    [Fact]
    public async Task X9_OpenAiSdkResponsesClient_GetInputItemsCancelDelete_OfAStoredResponse()
    {
        await using var h = await GatewayHarness.StartAsync(StoredScenario.Toml);
        h.Upstream.Handler = new StoredScripts().Handle;
        var client = new ResponsesClient(new ApiKeyCredential(Sentinels.CallerKey), new ResponsesClientOptions { Endpoint = new Uri(h.Address, "/v1"), NetworkTimeout = TimeSpan.FromSeconds(20) });

        ResponseResult stored = await client.GetResponseAsync(StoredScripts.StoredResponseId);
        Assert.Equal(StoredScripts.StoredResponseId, stored.Id);
        Assert.Equal(FormatScripts.Text, stored.GetOutputText());

        var items = new List<ResponseItem>();
        await foreach (var item in client.GetResponseInputItemsAsync(StoredScripts.StoredResponseId))
        {
            items.Add(item);
        }
        Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(items));

        ResponseResult cancelled = await client.CancelResponseAsync(StoredScripts.StoredResponseId);
        Assert.Equal(ResponseStatus.Cancelled, cancelled.Status);

        ResponseDeletionResult deleted = await client.DeleteResponseAsync(StoredScripts.StoredResponseId);
        Assert.True(deleted.Deleted);

        Assert.Equal(
            ["GET /oai/v1/responses/resp_stored_1", "GET /oai/v1/responses/resp_stored_1/input_items", "POST /oai/v1/responses/resp_stored_1/cancel", "DELETE /oai/v1/responses/resp_stored_1"],
            h.Upstream.Requests.Select(r => r.Method + " " + r.Path));
        Assert.All(h.Upstream.Requests, r => Assert.Equal("Bearer " + Sentinels.CallerKey, Assert.Single(r.HeaderValues("Authorization"))));
    }
}
