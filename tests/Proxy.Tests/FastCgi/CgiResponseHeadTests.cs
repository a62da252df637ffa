using System.Text;
using HostPanel.Proxy.FastCgi;

namespace HostPanel.Proxy.Tests.FastCgi;

public sealed class CgiResponseHeadTests
{
    private static CgiResponseHead Parse(string block) => CgiResponseHead.Parse(Encoding.UTF8.GetBytes(block));

    [Fact]
    public void Parse_StatusLine_SetsCodeAndReason()
    {
        var head = Parse("Status: 418 I'm a teapot\r\nContent-Type: text/plain\r\n");
        Assert.Equal(418, head.Status);
        Assert.Equal("I'm a teapot", head.Reason);
        Assert.Equal([KeyValuePair.Create("Content-Type", "text/plain")], head.Headers);
    }

    [Fact]
    public void Parse_RepeatedSetCookie_KeepsBothInOrder()
    {
        var head = Parse("Set-Cookie: a=1\r\nSet-Cookie: b=2; HttpOnly\r\n");
        Assert.Equal(200, head.Status);
        Assert.Equal(["a=1", "b=2; HttpOnly"], head.Headers.Where(h => h.Key == "Set-Cookie").Select(h => h.Value));
    }

    [Fact]
    public void Parse_LocationWithoutStatus_Is302() =>
        Assert.Equal(302, Parse("Location: /login\r\n").Status);

    [Theory]
    [InlineData("no colon here\r\n")]
    [InlineData("Bad Name: x\r\n")]
    [InlineData("Status: abc\r\n")]
    public void Parse_MalformedLine_IsProtocolError(string block) =>
        Assert.Throws<FastCgiProtocolException>(() => Parse(block));

    [Fact]
    public void Parse_NonAsciiValue_IsDropped() =>
        Assert.DoesNotContain(Parse("X-Name: caf\u00e9\r\nX-Ok: 1\r\n").Headers, h => h.Key == "X-Name");

    [Theory]
    [InlineData("A: 1\r\n\r\nbody", 8)]
    [InlineData("A: 1\n\nbody", 6)]
    [InlineData("\r\nbody", 2)]
    [InlineData("A: 1\r\nB: 2\r\n", -1)]
    public void FindEnd_FindsFirstBodyByte(string data, int expected) =>
        Assert.Equal(expected, CgiResponseHead.FindEnd(Encoding.ASCII.GetBytes(data)));
}
