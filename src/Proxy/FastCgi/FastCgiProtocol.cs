namespace HostPanel.Proxy.FastCgi;

/// <summary>Constants of the FastCGI 1.0 specification (record layout, roles, flags).</summary>
internal static class FastCgiProtocol
{
    public const byte Version = 1;

    /// <summary>Every record starts with an 8-byte header: version, type, request id (2), content length (2), padding, reserved.</summary>
    public const int HeaderLength = 8;

    /// <summary>Content of one record is at most 65535 bytes; longer streams are split into several records.</summary>
    public const int MaxContentLength = ushort.MaxValue;

    /// <summary>HostPanel runs one request at a time per connection, so every request uses id 1.</summary>
    public const ushort RequestId = 1;

    public const ushort RoleResponder = 1;

    /// <summary>FCGI_KEEP_CONN: the application keeps the connection open after the request.</summary>
    public const byte FlagKeepConnection = 1;
}

/// <summary>FastCGI record types.</summary>
internal enum FastCgiRecordType : byte
{
    BeginRequest = 1,
    AbortRequest = 2,
    EndRequest = 3,
    Params = 4,
    Stdin = 5,
    Stdout = 6,
    Stderr = 7,
    Data = 8,
    GetValues = 9,
    GetValuesResult = 10,
    UnknownType = 11,
}

/// <summary>The protocol status of an FCGI_END_REQUEST record.</summary>
internal enum FastCgiProtocolStatus : byte
{
    RequestComplete = 0,
    CantMultiplexConnection = 1,
    Overloaded = 2,
    UnknownRole = 3,
}
