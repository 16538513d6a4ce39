using System.Text;
using Gateway.Runtime.Ingress;

namespace Gateway.Runtime.Tests.Ingress;

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
    public void GetBoundary_ReadsTheParameter(string? contentType, string? expected)
    {
        Assert.Equal(expected, MultipartModelReader.GetBoundary(contentType, out var duplicate));
        Assert.False(duplicate);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=a; boundary=b")]
    [InlineData("multipart/form-data; boundary=a; BOUNDARY=a")]
    [InlineData("multipart/form-data; boundary=\"a\"; charset=utf-8; Boundary=b")]
    public void H6_GetBoundary_RefusesSeveralBoundaryParameters(string contentType)
    {
        Assert.Null(MultipartModelReader.GetBoundary(contentType, out var duplicate));
        Assert.True(duplicate);
    }

    private static byte[] Parts(string boundary, params string[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts) text.Append("--").Append(boundary).Append("\r\n").Append(part).Append("\r\n");
        text.Append("--").Append(boundary).Append("--\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Theory]
    // A second model part after the audio, in the same or another case.
    [InlineData("Content-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1", "Content-Disposition: form-data; name=\"file\"\r\n\r\nRIFF", "Content-Disposition: form-data; name=\"model\"\r\n\r\ngpt-4o-transcribe")]
    [InlineData("Content-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1", "Content-Disposition: form-data; name=\"MODEL\"\r\n\r\ngpt-4o-transcribe")]
    // One part with two names, or two Content-Disposition headers, or the RFC 5987 form.
    [InlineData("Content-Disposition: form-data; name=\"language\"; name=\"model\"\r\n\r\ngpt-4o-transcribe", "Content-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1")]
    [InlineData("Content-Disposition: form-data; name=\"model\"\r\ncontent-disposition: form-data; name=\"prompt\"\r\n\r\nwhisper-1")]
    [InlineData("Content-Disposition: form-data; name*=utf-8''model\r\n\r\ngpt-4o-transcribe", "Content-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1")]
    public void H6_Peek_RefusesADuplicateModelPart_AnywhereInTheForm(params string[] parts) =>
        Assert.Equal(PeekStatus.Duplicate, MultipartModelReader.Peek(Parts("b", parts), "b", out _));

    [Fact]
    public void H6_Peek_OnlyRealDelimiterLinesCount()
    {
        // "\r\n--bX" inside the audio is content, not a delimiter: the "model" text after it is audio bytes.
        var body = Parts("b",
            "Content-Disposition: form-data; name=\"file\"\r\n\r\nRIFF\r\n--bX\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ngpt-4o",
            "Content-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1");
        Assert.Equal(PeekStatus.Found, MultipartModelReader.Peek(body, "b", out var field));
        Assert.Equal("whisper-1", field.Value);
    }

    [Fact]
    public void Peek_AcceptsTransportPaddingAfterTheBoundary()
    {
        var body = Encoding.UTF8.GetBytes("--b \t\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--b--\r\n");
        Assert.Equal(PeekStatus.Found, MultipartModelReader.Peek(body, "b", out var field));
        Assert.Equal("whisper-1", field.Value);
    }

    [Fact]
    public void Peek_ReportsMalformed_WhenTheFormIsCutAfterTheModel()
    {
        var body = Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nRIFF");
        Assert.Equal(PeekStatus.Malformed, MultipartModelReader.Peek(body, "b", out _));
    }

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
