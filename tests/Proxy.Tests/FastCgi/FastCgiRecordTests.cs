using HostPanel.Proxy.FastCgi;

namespace HostPanel.Proxy.Tests.FastCgi;

public sealed class FastCgiRecordTests
{
    [Fact]
    public async Task Writer_LongStream_SplitsIntoRecordsTheReaderReassembles()
    {
        var payload = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        using var wire = new MemoryStream();
        var writer = new FastCgiRecordWriter(wire);
        await writer.WriteAsync(FastCgiRecordType.Stdin, payload, default);
        await writer.WriteAsync(FastCgiRecordType.Stdin, ReadOnlyMemory<byte>.Empty, default);
        await writer.FlushAsync(default);

        wire.Position = 0;
        var reader = new FastCgiRecordReader(wire);
        var received = new MemoryStream();
        var records = 0;
        while (true)
        {
            await reader.NextRecordAsync(default);
            Assert.Equal(FastCgiRecordType.Stdin, reader.Type);
            Assert.True(reader.Remaining <= FastCgiProtocol.MaxContentLength);
            if (reader.Remaining == 0) break;
            records++;
            received.Write(await reader.ReadContentAsync(default));
        }
        Assert.True(records > 1);
        Assert.Equal(payload, received.ToArray());
    }

    [Fact]
    public async Task Reader_SkipsPaddingUnreadContentAndManagementRecords()
    {
        byte[] wire =
        [
            1, 10, 0, 0, 0, 2, 0, 0, 7, 7,               // GET_VALUES_RESULT for request 0: skipped
            1, 6, 0, 1, 0, 3, 5, 0, 65, 66, 67, 0, 0, 0, 0, 0, // STDOUT "ABC" + 5 padding bytes
            1, 7, 0, 1, 0, 2, 0, 0, 88, 89,              // STDERR "XY", left unread
            1, 3, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // END_REQUEST
        ];
        var reader = new FastCgiRecordReader(new MemoryStream(wire));
        await reader.NextRecordAsync(default);
        Assert.Equal(FastCgiRecordType.Stdout, reader.Type);
        Assert.Equal("ABC"u8.ToArray(), await reader.ReadContentAsync(default));
        await reader.NextRecordAsync(default);
        Assert.Equal(FastCgiRecordType.Stderr, reader.Type);
        await reader.NextRecordAsync(default);
        Assert.Equal(FastCgiRecordType.EndRequest, reader.Type);
        Assert.Equal(8, reader.Remaining);
    }

    [Fact]
    public async Task Reader_BufferedRecords_TakenWithoutWaitingUntilOneIsIncomplete()
    {
        byte[] wire =
        [
            1, 6, 0, 1, 0, 2, 6, 0, 72, 73, 0, 0, 0, 0, 0, 0,  // STDOUT "HI" + 6 padding bytes
            1, 10, 0, 0, 0, 2, 0, 0, 7, 7,                     // GET_VALUES_RESULT for request 0: skipped
            1, 6, 0, 1, 0, 1, 0, 0, 33,                        // STDOUT "!"
            1, 3, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0,          // END_REQUEST, its last 2 bytes not yet arrived
        ];
        var reader = new FastCgiRecordReader(new MemoryStream(wire));
        await reader.NextRecordAsync(default);
        Assert.Equal(FastCgiRecordType.Stdout, reader.Type);
        Assert.Equal(2, reader.Remaining);

        Assert.True(reader.TryNextBufferedRecord());
        Assert.Equal(FastCgiRecordType.Stdout, reader.Type);
        Assert.Equal("!"u8.ToArray(), reader.TakeBufferedContent().ToArray());
        Assert.False(reader.TryNextBufferedRecord());
        Assert.False(reader.TryNextBufferedRecord());
        Assert.Equal(FastCgiRecordType.Stdout, reader.Type);
        Assert.Equal(0, reader.Remaining);
        // The incomplete record is still there for the reader to wait for.
        await reader.NextRecordAsync(default);
        Assert.Equal(FastCgiRecordType.EndRequest, reader.Type);
        await Assert.ThrowsAsync<EndOfStreamException>(async () => await reader.ReadContentAsync(default));
    }

    [Fact]
    public async Task Reader_TruncatedRecord_ThrowsEndOfStream()
    {
        var reader = new FastCgiRecordReader(new MemoryStream([1, 6, 0, 1, 0, 10, 0, 0, 65]));
        await reader.NextRecordAsync(default);
        await Assert.ThrowsAsync<EndOfStreamException>(async () => await reader.ReadContentAsync(default));
    }

    [Fact]
    public async Task Reader_WrongVersion_IsProtocolError()
    {
        var reader = new FastCgiRecordReader(new MemoryStream([2, 6, 0, 1, 0, 0, 0, 0]));
        await Assert.ThrowsAsync<FastCgiProtocolException>(async () => await reader.NextRecordAsync(default));
    }

    [Fact]
    public void Params_ShortAndLongLengths_RoundTrip()
    {
        var longValue = new string('v', 300);
        var encoded = new FastCgiParams().Add("SCRIPT_NAME", "/index.php").Add("HTTP_X_LONG", longValue).Add("EMPTY", null).Encoded;
        // A value of 300 bytes needs the four-byte length form with its high bit set.
        var second = encoded.Span[(2 + "SCRIPT_NAME".Length + "/index.php".Length)..];
        Assert.Equal(new byte[] { 11, 0x80, 0x00, 0x01, 0x2C }, second[..5].ToArray());
        var decoded = FastCgiParams.Decode(encoded.Span);
        Assert.Equal("/index.php", decoded["SCRIPT_NAME"]);
        Assert.Equal(longValue, decoded["HTTP_X_LONG"]);
        Assert.Equal("", decoded["EMPTY"]);
    }
}
