using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>
/// A scripted provider that stores files and responses the way OpenAI's API does (SPEC §10), enough for the
/// OpenAI .NET SDK's file and Responses clients: upload (multipart), list, get, content, delete; get, delete,
/// input items and cancel of a stored response. Files live in memory; it is for small test files.
/// </summary>
internal sealed class StoredScripts
{
    public const string StoredResponseId = "resp_stored_1";

    private readonly ConcurrentDictionary<string, (string Name, string Purpose, byte[] Bytes)> _files = new();
    private int _next;

    public async Task Handle(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var at = path.IndexOf("/files", StringComparison.Ordinal);
        if (at >= 0)
        {
            await Files(context, path[at..]);
            return;
        }
        at = path.IndexOf("/responses/", StringComparison.Ordinal);
        if (at >= 0)
        {
            await Responses(context, path[(at + "/responses/".Length)..]);
            return;
        }
        await UpstreamScripts.Json(context, 404, """{"error":{"message":"no such path","type":"invalid_request_error","param":null,"code":null}}""");
    }

    private async Task Files(HttpContext context, string path)
    {
        var method = context.Request.Method;
        if (path == "/files" && method == "POST")
        {
            // The fake recorded the body; parse the form from those bytes.
            var body = (byte[])context.Items["body"]!;
            context.Request.Body = new MemoryStream(body);
            var form = await context.Request.ReadFormAsync();
            var file = form.Files[0];
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy);
            var id = "file-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
            _files[id] = (file.FileName, form["purpose"].ToString(), copy.ToArray());
            await UpstreamScripts.Json(context, 200, FileJson(id));
            return;
        }
        if (path == "/files" && method == "GET")
        {
            var data = string.Join(",", _files.Keys.Order(StringComparer.Ordinal).Select(FileJson));
            await UpstreamScripts.Json(context, 200, """{"object":"list","data":[""" + data + """],"has_more":false}""");
            return;
        }
        var rest = path["/files/".Length..];
        var content = rest.EndsWith("/content", StringComparison.Ordinal);
        var fileId = content ? rest[..^"/content".Length] : rest;
        if (!_files.TryGetValue(fileId, out var stored))
        {
            await UpstreamScripts.Json(context, 404, """{"error":{"message":"No such File object","type":"invalid_request_error","param":"id","code":null}}""");
            return;
        }
        if (content)
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = stored.Bytes.Length;
            await context.Response.Body.WriteAsync(stored.Bytes);
            return;
        }
        if (method == "DELETE")
        {
            _files.TryRemove(fileId, out _);
            await UpstreamScripts.Json(context, 200, $$"""{"id":"{{fileId}}","object":"file","deleted":true}""");
            return;
        }
        await UpstreamScripts.Json(context, 200, FileJson(fileId));
    }

    private string FileJson(string id)
    {
        var (name, purpose, bytes) = _files[id];
        return $$"""{"id":"{{id}}","object":"file","bytes":{{bytes.Length}},"created_at":1700000000,"filename":{{JsonSerializer.Serialize(name)}},"purpose":{{JsonSerializer.Serialize(purpose)}},"status":"processed"}""";
    }

    private static Task Responses(HttpContext context, string rest)
    {
        var method = context.Request.Method;
        if (rest.EndsWith("/input_items", StringComparison.Ordinal))
        {
            return UpstreamScripts.Json(context, 200, """{"object":"list","data":[{"type":"message","id":"msg_in1","status":"completed","role":"user","content":[{"type":"input_text","text":"Say hello"}]}],"first_id":"msg_in1","last_id":"msg_in1","has_more":false}""");
        }
        var id = rest.EndsWith("/cancel", StringComparison.Ordinal) ? rest[..^"/cancel".Length] : rest;
        if (method == "DELETE")
        {
            return UpstreamScripts.Json(context, 200, $$"""{"id":"{{id}}","object":"response","deleted":true}""");
        }
        var status = rest.EndsWith("/cancel", StringComparison.Ordinal) ? "cancelled" : "completed";
        return UpstreamScripts.Json(context, 200, $$"""{"id":"{{id}}","object":"response","created_at":1700000000,"status":"{{status}}","model":"gpt-up","output":[{"type":"message","id":"msg_s1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"{{FormatScripts.Text}}","annotations":[]}]}],"usage":{{ResponsesScripts.Usage}}}""");
    }
}
