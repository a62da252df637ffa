using System.Text;

namespace HostPanel.Proxy.FastCgi;

/// <summary>
/// One request on one connection: writes BEGIN_REQUEST, PARAMS and STDIN, then reads STDOUT (the CGI header block,
/// then the body in pieces), passes STDERR lines on, and at END_REQUEST gives the connection back to the pool. An
/// exchange that does not reach END_REQUEST closes its connection.
/// </summary>
internal sealed class FastCgiExchange(FastCgiConnectionPool pool, FastCgiConnection connection, Action<string> stderr) : IDisposable
{
    // The header block and the first body bytes that came with it; pooled, given back on Dispose.
    private readonly PooledBufferWriter _head = new(4096);
    private ReadOnlyMemory<byte> _bodyStart;
    private bool _headRead;
    private bool _ended;
    private bool _disposed;

    /// <summary>True once any record came back, after which a failure is not a stale kept-alive connection.</summary>
    public bool Answered { get; private set; }

    /// <summary>
    /// The body's length when END_REQUEST came in the same reads as the header block (the usual case for a short
    /// response), so the client can get Content-Length and the response in one write; null while it streams.
    /// </summary>
    public long? CompleteBodyLength { get; private set; }

    public async Task SendAsync(FastCgiParams parameters, HttpContent? body, CancellationToken cancellationToken)
    {
        var writer = connection.Writer;
        await writer.BeginRequestAsync(keepConnection: true, cancellationToken);
        await writer.WriteAsync(FastCgiRecordType.Params, parameters.Encoded, cancellationToken);
        await writer.WriteAsync(FastCgiRecordType.Params, ReadOnlyMemory<byte>.Empty, cancellationToken);
        if (body is not null)
        {
            await using var stdin = new FastCgiStdinStream(writer);
            await body.CopyToAsync(stdin, cancellationToken);
        }
        await writer.WriteAsync(FastCgiRecordType.Stdin, ReadOnlyMemory<byte>.Empty, cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Reads STDOUT up to the end of the CGI header block.</summary>
    public async Task<CgiResponseHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var head = _head;
        while (true)
        {
            if (!await NextStdoutRecordAsync(cancellationToken))
                throw new FastCgiProtocolException("upstream prematurely closed FastCGI stdout");
            var reader = connection.Reader;
            while (reader.Remaining > 0) head.Advance(await reader.ReadAsync(head.GetMemory(reader.Remaining), cancellationToken));
            var end = CgiResponseHead.FindEnd(head.WrittenSpan);
            if (end >= 0)
            {
                _headRead = true;
                TakeBufferedRecords();
                _bodyStart = head.WrittenMemory[end..];
                if (_ended) CompleteBodyLength = _bodyStart.Length;
                return CgiResponseHead.Parse(head.WrittenSpan[..end]);
            }
            if (head.WrittenCount > CgiResponseHead.MaxLength)
                throw new FastCgiProtocolException("upstream sent too big header");
        }
    }

    /// <summary>Reads body bytes of STDOUT; 0 once the application ended the request.</summary>
    public async ValueTask<int> ReadBodyAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (!_bodyStart.IsEmpty)
        {
            var count = Math.Min(destination.Length, _bodyStart.Length);
            _bodyStart[..count].CopyTo(destination);
            _bodyStart = _bodyStart[count..];
            return count;
        }
        // Once ended, the connection may already carry another request: never touch it again.
        if (_ended) return 0;
        var reader = connection.Reader;
        if (reader.Type == FastCgiRecordType.Stdout && reader.Remaining > 0) return await reader.ReadAsync(destination, cancellationToken);
        return await NextStdoutRecordAsync(cancellationToken) ? await reader.ReadAsync(destination, cancellationToken) : 0;
    }

    /// <summary>Moves to the next STDOUT record with content, handling STDERR on the way; false at END_REQUEST.</summary>
    private async ValueTask<bool> NextStdoutRecordAsync(CancellationToken cancellationToken)
    {
        var reader = connection.Reader;
        while (!_ended)
        {
            await reader.NextRecordAsync(cancellationToken);
            if (connection.AwaitingFirstAnswer) pool.FirstAnswer(connection);
            Answered = true;
            switch (reader.Type)
            {
                case FastCgiRecordType.Stdout when reader.Remaining > 0:
                    return true;
                case FastCgiRecordType.Stderr:
                    ReportStderr(await reader.ReadContentAsync(cancellationToken));
                    break;
                case FastCgiRecordType.EndRequest:
                    End(await reader.ReadContentAsync(cancellationToken));
                    break;
            }
        }
        return false;
    }

    /// <summary>Takes the records already buffered after the header block: body bytes, stderr lines, END_REQUEST.</summary>
    private void TakeBufferedRecords()
    {
        var reader = connection.Reader;
        while (!_ended && reader.TryNextBufferedRecord())
        {
            switch (reader.Type)
            {
                case FastCgiRecordType.Stdout:
                    var body = reader.TakeBufferedContent();
                    body.CopyTo(_head.GetSpan(body.Length));
                    _head.Advance(body.Length);
                    break;
                case FastCgiRecordType.Stderr:
                    ReportStderr(reader.TakeBufferedContent());
                    break;
                case FastCgiRecordType.EndRequest:
                    End(reader.TakeBufferedContent());
                    break;
            }
        }
    }

    /// <summary>END_REQUEST: the connection goes back to the pool and may carry another request at once.</summary>
    private void End(ReadOnlySpan<byte> content)
    {
        if (content.Length >= 5 && content[4] != (byte)FastCgiProtocolStatus.RequestComplete)
            throw new FastCgiProtocolException($"upstream refused the request ({(FastCgiProtocolStatus)content[4]})");
        _ended = true;
        pool.Return(connection);
    }

    private void ReportStderr(ReadOnlySpan<byte> content)
    {
        var phase = _headRead ? "reading upstream" : "reading response header from upstream";
        foreach (var line in Encoding.UTF8.GetString(content).Split('\n'))
        {
            var text = line.TrimEnd('\r', '\0');
            if (text.Length > 0) stderr($"FastCGI sent in stderr: \"{(text.Length > 2048 ? text[..2048] + "…" : text)}\" while {phase}");
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _bodyStart = default;
        _head.Dispose();
        if (!_ended) pool.Abandon(connection);
    }
}
