using System.Text;
using Gateway.Runtime.Forwarding;

namespace Gateway.Runtime.Tests.Forwarding;

public sealed class MultipartModelReaderTests
{
    /// <summary>A transcription form: an audio part (containing a fake delimiter-like line) then the model.</summary>
    internal static byte[] Form(string boundary, string model) => Encoding.UTF8.GetBytes(
        $"--{boundary}\r\n" +
        "Content-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\n" +
        $"RIFF--{boundary}x\r\nname=\"model\"\r\n" +
        $"\r\n--{boundary}\r\n" +
        "Content-Disposition: form-data; name=\"model\"\r\n\r\n" +
        model +
        $"\r\n--{boundary}--\r\n");

    [Theory]
    [InlineData("multipart/form-data; boundary=abc", "abc")]
    [InlineData("multipart/form-data; boundary=\"a b:c\"", "a b:c")]
    [InlineData("Multipart/Form-Data;boundary=x", "x")]
    [InlineData("application/json", null)]
    [InlineData("multipart/form-data", null)]
    [InlineData(null, null)]
    public void GetBoundary_ReadsTheParameter(string? contentType, string? expected) =>
        Assert.Equal(expected, MultipartModelReader.GetBoundary(contentType));

    [Fact]
    public void Peek_FindsTheModelPart_AfterABinaryPart()
    {
        var body = Form("XyZ", "whisper-1");
        Assert.Equal(PeekStatus.Found, MultipartModelReader.Peek(body, "XyZ", out var field));
        Assert.Equal("whisper-1", field.Value);
        Assert.Equal("whisper-1", Encoding.UTF8.GetString(body, field.Start, field.Length));
    }

    [Fact]
    public void Peek_ReportsMissing_WhenNoPartIsNamedModel()
    {
        var body = Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nen\r\n--b--\r\n");
        Assert.Equal(PeekStatus.Missing, MultipartModelReader.Peek(body, "b", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper")]
    [InlineData("--b\r\nContent-Disposition: form-data; name=\"model\"")]
    public void Peek_ReportsMalformed_ForTruncatedForms(string text) =>
        Assert.Equal(PeekStatus.Malformed, MultipartModelReader.Peek(Encoding.UTF8.GetBytes(text), "b", out _));

    [Fact]
    public void Peek_RejectsAnEmptyModel() =>
        Assert.Equal(PeekStatus.WrongType, MultipartModelReader.Peek(Form("b", ""), "b", out _));

    [Fact]
    public void R18_Peek_NeverThrows_OnRandomBytes()
    {
        var random = new Random(99);
        var prefix = Form("b", "m");
        for (var i = 0; i < 3000; i++)
        {
            var bytes = prefix[..random.Next(prefix.Length)];
            if (bytes.Length > 0) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            _ = MultipartModelReader.Peek(bytes, "b", out _);
        }
    }
}
