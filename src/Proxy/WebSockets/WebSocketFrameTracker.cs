namespace HostPanel.Proxy.WebSockets;

/// <summary>
/// Follows the frames of one direction of a WebSocket connection (RFC 6455 section 5.2) in the bytes passing through,
/// however they are split: where the current frame ends, so that a frame can be put between two frames, and whether a
/// close frame has gone by. Only headers are read (2 to 14 bytes: 7, 16 or 64-bit payload length, optional mask key);
/// payload bytes are counted, never copied. Control frames inside a fragmented message are frames like any other.
/// </summary>
internal struct WebSocketFrameTracker
{
    private const int CloseOpcode = 0x8;

    private Part _part;
    private int _headerBytesLeft; // of the extended length or the mask key
    private ulong _payloadLeft;   // also assembles the extended length
    private int _opcode;
    private bool _masked;

    private enum Part : byte { Opcode, Length, ExtendedLength, MaskKey, Payload }

    /// <summary>True between two frames: nothing of a frame has passed without its end.</summary>
    public readonly bool AtBoundary => _part == Part.Opcode;

    /// <summary>A whole close frame has passed.</summary>
    public bool SawClose { readonly get; private set; }

    /// <summary>Follows every byte of <paramref name="data"/>.</summary>
    public void Advance(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty) data = data[ToFrameEnd(data)..];
    }

    /// <summary>
    /// Follows <paramref name="data"/> up to the end of the first frame that ends in it and returns how many bytes that
    /// is; all of them when no frame ends in <paramref name="data"/>.
    /// </summary>
    public int ToFrameEnd(ReadOnlySpan<byte> data)
    {
        var at = 0;
        while (at < data.Length)
        {
            switch (_part)
            {
                case Part.Opcode:
                    _opcode = data[at++] & 0x0F;
                    _part = Part.Length;
                    break;
                case Part.Length:
                    var length = data[at++];
                    _masked = (length & 0x80) != 0;
                    _payloadLeft = (ulong)(length & 0x7F);
                    if (_payloadLeft >= 126)
                    {
                        _headerBytesLeft = _payloadLeft == 126 ? 2 : 8;
                        _payloadLeft = 0;
                        _part = Part.ExtendedLength;
                    }
                    else if (LengthKnown()) return at;
                    break;
                case Part.ExtendedLength:
                    _payloadLeft = (_payloadLeft << 8) | data[at++];
                    if (--_headerBytesLeft == 0 && LengthKnown()) return at;
                    break;
                case Part.MaskKey:
                    var key = Math.Min(_headerBytesLeft, data.Length - at);
                    at += key;
                    _headerBytesLeft -= key;
                    if (_headerBytesLeft == 0 && PayloadStarts()) return at;
                    break;
                case Part.Payload:
                    var payload = (int)Math.Min(_payloadLeft, (ulong)(data.Length - at));
                    at += payload;
                    _payloadLeft -= (ulong)payload;
                    if (_payloadLeft == 0)
                    {
                        FrameEnds();
                        return at;
                    }
                    break;
            }
        }
        return at;
    }

    /// <summary>The payload length is read: the mask key follows, or the payload; true when the frame ended here.</summary>
    private bool LengthKnown()
    {
        if (!_masked) return PayloadStarts();
        _headerBytesLeft = 4;
        _part = Part.MaskKey;
        return false;
    }

    private bool PayloadStarts()
    {
        _part = Part.Payload;
        if (_payloadLeft > 0) return false;
        FrameEnds();
        return true;
    }

    private void FrameEnds()
    {
        if (_opcode == CloseOpcode) SawClose = true;
        _part = Part.Opcode;
    }
}
