using System.Globalization;
using System.Text;

namespace HostPanel.Proxy.FastCgi;

/// <summary>
/// The CGI response header block a FastCGI responder writes at the start of STDOUT: <c>Status: 404 Not Found</c>
/// sets the status, every other line is a response header (repeats such as <c>Set-Cookie</c> kept in order).
/// Without <c>Status</c> the answer is 200, or 302 when a <c>Location</c> is given (CGI, RFC 3875 §6.2.3).
/// </summary>
public sealed class CgiResponseHead
{
    /// <summary>Largest header block accepted, like nginx's <c>fastcgi_buffer_size</c> error "upstream sent too big header".</summary>
    public const int MaxLength = 64 * 1024;

    private CgiResponseHead(int status, string? reason, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        Status = status;
        Reason = reason;
        Headers = headers;
    }

    public int Status { get; }
    public string? Reason { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>Where the header block ends in <paramref name="data"/> (index of the first body byte), or -1.</summary>
    public static int FindEnd(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("\n"u8)) return 1;
        if (data.StartsWith("\r\n"u8)) return 2;
        for (var i = data.IndexOf((byte)'\n'); i >= 0 && i < data.Length - 1; i = NextNewline(data, i))
        {
            if (data[i + 1] == '\n') return i + 2;
            if (data[i + 1] == '\r' && i + 2 < data.Length && data[i + 2] == '\n') return i + 3;
        }
        return -1;
    }

    /// <summary>Parses a header block (without the empty line that ends it). Throws <see cref="FastCgiProtocolException"/> on a malformed line.</summary>
    public static CgiResponseHead Parse(ReadOnlySpan<byte> block)
    {
        var text = Encoding.Latin1.GetString(block);
        int? status = null;
        string? reason = null;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0 || !IsToken(line.AsSpan(0, colon)))
                throw new FastCgiProtocolException("upstream sent invalid header");
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(' ', '\t');
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                if (value.Length < 3 || !int.TryParse(value.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code is < 100 or > 999)
                    throw new FastCgiProtocolException($"upstream sent invalid status \"{value}\"");
                status = code;
                reason = value.Length > 4 ? value[4..].Trim() : null;
                continue;
            }
            // Kestrel sends ASCII header values only; anything else would fail the whole response, so it is dropped.
            if (value.Any(c => c is < ' ' and not '\t' or > '~')) continue;
            headers.Add(KeyValuePair.Create(name, value));
        }
        status ??= headers.Any(h => h.Key.Equals("Location", StringComparison.OrdinalIgnoreCase)) ? 302 : 200;
        return new CgiResponseHead(status.Value, reason, headers);
    }

    private static int NextNewline(ReadOnlySpan<byte> data, int from)
    {
        var next = data[(from + 1)..].IndexOf((byte)'\n');
        return next < 0 ? -1 : from + 1 + next;
    }

    private static bool IsToken(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c))) return false;
        return true;
    }
}
