using System.Net;
using HostPanel.Proxy.FastCgi;
using HostPanel.Proxy.StaticFiles;
using Microsoft.AspNetCore.Http;

namespace HostPanel.Proxy.Tests.FastCgi;

public sealed class CgiParamsBuilderTests
{
    private static Dictionary<string, string> Build(Action<HttpRequest> configure, PhpScript? script = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Scheme = "https";
        context.Request.Protocol = "HTTP/2";
        context.Request.Host = new HostString("blog.example.com:8443");
        context.Request.Path = "/index.php";
        context.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:203.0.113.9");
        context.Connection.RemotePort = 50123;
        context.Connection.LocalIpAddress = IPAddress.Loopback;
        context.Connection.LocalPort = 8443;
        configure(context.Request);
        script ??= new PhpScript("/index.php", "/srv/blog/index.php", "", "p=1");
        return FastCgiParams.Decode(CgiParamsBuilder.Build(context, script, "/srv/blog").Encoded.Span);
    }

    // PHP itself hides HTTP_PROXY nowadays, so the params are checked where HostPanel builds them.
    [Fact]
    public void Php_ProxyHeader_NotPassedAsHttpProxy()
    {
        var parameters = Build(r => r.Headers["Proxy"] = "http://attacker.test:3128");
        Assert.DoesNotContain("HTTP_PROXY", parameters.Keys);
        Assert.DoesNotContain(parameters.Values, v => v.Contains("attacker", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_HeaderWithUnderscore_IsDroppedSoItCannotShadowTheDashedOne()
    {
        var parameters = Build(r =>
        {
            r.Headers["X-Real-IP"] = "198.51.100.1";
            r.Headers["X_Real_IP"] = "6.6.6.6";
        });
        Assert.Equal("198.51.100.1", parameters["HTTP_X_REAL_IP"]);
    }

    [Fact]
    public void Build_Request_HasNginxFastcgiParams()
    {
        var parameters = Build(r =>
        {
            r.ContentType = "application/x-www-form-urlencoded";
            r.ContentLength = 12;
            r.Headers.Cookie = new(["a=1", "b=2"]);
            r.Headers["Accept-Language"] = "en";
        }, new PhpScript("/index.php", "/srv/blog/index.php", "/feed", "p=1"));
        Assert.Equal("POST", parameters["REQUEST_METHOD"]);
        Assert.Equal("https", parameters["REQUEST_SCHEME"]);
        Assert.Equal("on", parameters["HTTPS"]);
        Assert.Equal("HTTP/2", parameters["SERVER_PROTOCOL"]);
        Assert.Equal("/srv/blog/index.php", parameters["SCRIPT_FILENAME"]);
        Assert.Equal("/index.php", parameters["SCRIPT_NAME"]);
        Assert.Equal("/feed", parameters["PATH_INFO"]);
        Assert.Equal("/index.php/feed", parameters["DOCUMENT_URI"]);
        Assert.Equal("/srv/blog", parameters["DOCUMENT_ROOT"]);
        Assert.Equal("p=1", parameters["QUERY_STRING"]);
        Assert.Equal("application/x-www-form-urlencoded", parameters["CONTENT_TYPE"]);
        Assert.Equal("12", parameters["CONTENT_LENGTH"]);
        Assert.Equal("203.0.113.9", parameters["REMOTE_ADDR"]);
        Assert.Equal("50123", parameters["REMOTE_PORT"]);
        Assert.Equal("127.0.0.1", parameters["SERVER_ADDR"]);
        Assert.Equal("8443", parameters["SERVER_PORT"]);
        Assert.Equal("blog.example.com", parameters["SERVER_NAME"]);
        Assert.Equal("blog.example.com:8443", parameters["HTTP_HOST"]);
        Assert.Equal("a=1; b=2", parameters["HTTP_COOKIE"]);
        Assert.Equal("en", parameters["HTTP_ACCEPT_LANGUAGE"]);
        Assert.Equal("CGI/1.1", parameters["GATEWAY_INTERFACE"]);
        Assert.Equal("200", parameters["REDIRECT_STATUS"]);
    }
}
