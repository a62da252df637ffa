using HostPanel.Proxy.StaticFiles;

namespace HostPanel.Proxy.Tests.StaticFiles;

public sealed class RequestPathTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("", "/")]
    [InlineData("/a/b.css", "/a/b.css")]
    [InlineData("//a///b/", "/a/b/")]
    [InlineData("/.well-known/acme-challenge/token", "/.well-known/acme-challenge/token")]
    [InlineData("/100%.html", "/100%.html")]
    [InlineData("/caf\u00e9/menu", "/caf\u00e9/menu")]
    public void Check_SafePath_IsOkAndNormalized(string path, string expected)
    {
        Assert.Equal(PathVerdict.Ok, RequestPath.Check(path, out var normalized));
        Assert.Equal(expected, normalized);
    }

    // What Kestrel leaves in Request.Path for traversal tricks: encoded slashes and invalid UTF-8 stay encoded.
    [Theory]
    [InlineData("/..%2fsecret")]
    [InlineData("/..%2Fetc/passwd")]
    [InlineData("/%c0%ae%c0%ae/secret")]
    [InlineData("/a%2Fb")]
    [InlineData("/..\\secret")]
    [InlineData("/\\..\\secret")]
    [InlineData("/a\0.php")]
    [InlineData("/a\r\nX: y")]
    [InlineData("/a/../b")]
    [InlineData("/a/./b")]
    [InlineData("relative")]
    public void Check_TraversalOrMalformed_IsBadRequest(string path) =>
        Assert.Equal(PathVerdict.BadRequest, RequestPath.Check(path, out _));

    [Theory]
    [InlineData("/.env")]
    [InlineData("/.git/config")]
    [InlineData("/wp/.htaccess")]
    [InlineData("/a/.well-known/x")]
    [InlineData("/.hidden/")]
    public void Check_Dotfile_IsHidden(string path) =>
        Assert.Equal(PathVerdict.Hidden, RequestPath.Check(path, out _));
}
