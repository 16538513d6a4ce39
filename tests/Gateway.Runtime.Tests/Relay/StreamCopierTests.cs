using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Gateway.Runtime.Attempts;
using Gateway.Runtime.Relay;

namespace Gateway.Runtime.Tests.Relay;

public sealed class StreamCopierTests
{
    [Fact]
    public async Task T2_Copy_RelaysEveryByteUnchanged()
    {
        var data = new byte[300_000];
        new Random(5).NextBytes(data);
        var output = new MemoryStream();
        using var idle = new CancellationTokenSource();

        var result = await StreamCopier.CopyAsync(new MemoryStream(data), output, idle, TimeSpan.FromSeconds(5), flush: true, CancellationToken.None, new StrongBox<SseTail>());

        Assert.Equal(AttemptFailure.None, result);
        Assert.Equal(data, output.ToArray());
    }

    [Fact]
    public async Task T4_Copy_ReportsAnInputTimeout_WhenTheUpstreamStallsMidStream()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync("data: a\n\n"u8.ToArray());
        var output = new MemoryStream();
        using var idle = new CancellationTokenSource();
        var tail = new StrongBox<SseTail>();

        var result = await StreamCopier.CopyAsync(pipe.Reader.AsStream(), output, idle, TimeSpan.FromMilliseconds(200), flush: true, CancellationToken.None, tail);

        Assert.Equal(AttemptFailure.Timeout, result);
        Assert.Equal("data: a\n\n"u8.ToArray(), output.ToArray());
        Assert.True(tail.Value.AtEventBoundary);
    }

    [Fact]
    public async Task T4_Copy_ReportsAnInputError_WhenTheUpstreamFails()
    {
        using var idle = new CancellationTokenSource();
        var tail = new StrongBox<SseTail>();

        var result = await StreamCopier.CopyAsync(new FailingStream("data: a"u8.ToArray()), new MemoryStream(), idle, TimeSpan.FromSeconds(5), flush: true, CancellationToken.None, tail);

        Assert.Equal(AttemptFailure.BodyFailed, result);
        Assert.False(tail.Value.AtEventBoundary);
    }

    [Fact]
    public async Task R06_Copy_StopsAsOutputError_WhenTheClientAborts()
    {
        var pipe = new Pipe();
        using var client = new CancellationTokenSource();
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(client.Token);
        var copy = StreamCopier.CopyAsync(pipe.Reader.AsStream(), new MemoryStream(), idle, TimeSpan.FromSeconds(30), flush: true, client.Token, new StrongBox<SseTail>());

        await client.CancelAsync();

        Assert.Equal(AttemptFailure.ClientAborted, await copy.AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task R03_Copy_ReportsOutputStalled_WhenTheClientTakesNothingForTheTimeout()
    {
        // Nobody reads this pipe: past its 16-byte threshold every write waits, as for a caller that stopped reading.
        var client = new Pipe(new PipeOptions(pauseWriterThreshold: 16, resumeWriterThreshold: 8));
        using var idle = new CancellationTokenSource();
        var copy = StreamCopier.CopyAsync(new MemoryStream(new byte[4096]), client.Writer.AsStream(), idle, TimeSpan.FromMilliseconds(200), flush: true, CancellationToken.None, new StrongBox<SseTail>());

        Assert.Equal(AttemptFailure.ClientStalled, await copy.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task R03_Copy_AClientAbortDuringAStalledWrite_IsStillOutputError()
    {
        var client = new Pipe(new PipeOptions(pauseWriterThreshold: 16, resumeWriterThreshold: 8));
        using var aborted = new CancellationTokenSource();
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(aborted.Token);
        var copy = StreamCopier.CopyAsync(new MemoryStream(new byte[4096]), client.Writer.AsStream(), idle, TimeSpan.FromSeconds(30), flush: true, aborted.Token, new StrongBox<SseTail>());
        // The first write is pending once the pipe holds its bytes.
        var pending = await client.Reader.ReadAsync();
        Assert.False(pending.Buffer.IsEmpty);
        Assert.False(copy.IsCompleted);

        await aborted.CancelAsync();

        Assert.Equal(AttemptFailure.ClientAborted, await copy.AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
    }

    /// <summary>Returns its data, then fails like a reset connection.</summary>
    private sealed class FailingStream(byte[] data) : Stream
    {
        private bool _sent;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty) return ValueTask.FromResult(0);
            if (_sent) return ValueTask.FromException<int>(new IOException("reset"));
            _sent = true;
            data.CopyTo(buffer);
            return ValueTask.FromResult(data.Length);
        }
    }
}
