using System.Net;
using System.Text;
using HostPanel.Panel.Tests.Infrastructure;
using HostPanel.Panel.Tests.Proxy;

namespace HostPanel.Panel.Tests.Static;

/// <summary>Named regressions: nothing outside the document root, and no hidden file inside it, is ever served.</summary>
[Collection(StaticCollection.Name)]
public sealed class StaticSecurityTests(StaticSiteFixture files)
{
    // Raw requests over a TcpClient, so no client library normalizes the target first.
    private async Task<string> RawAsync(string target) =>
        Encoding.UTF8.GetString(await ForwardingTests.RawRequestAsync(files.Panel.ProxyPort, $"GET {target} HTTP/1.0\r\nHost: files.test\r\n\r\n"));

    [Theory]
    [InlineData("/../secret.txt")]
    [InlineData("/../../../../etc/passwd")]
    [InlineData("/%2e%2e/secret.txt")]
    [InlineData("/..%2fsecret.txt")]
    [InlineData("/..%2Fsecret.txt")]
    [InlineData("/%2e%2e%2fsecret.txt")]
    [InlineData("/%2e%2e%2fetc/passwd")]
    [InlineData("/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd")]
    [InlineData("/..\\secret.txt")]
    [InlineData("/%5c..%5csecret.txt")]
    [InlineData("/secret.txt%00.html")]
    [InlineData("/about.txt%00/../../secret.txt")]
    [InlineData("/%c0%ae%c0%ae/secret.txt")]
    [InlineData("/%c0%ae%c0%ae%c0%afsecret.txt")]
    [InlineData("/%252e%252e%252fsecret.txt")]
    [InlineData("/assets/..%2f..%2fsecret.txt")]
    [InlineData("/assets/../secret.txt")]
    [InlineData("//../secret.txt")]
    public async Task Static_TraversalAttempt_NeverLeavesRoot(string target)
    {
        var raw = await RawAsync(target);
        Assert.Matches("^HTTP/1.1 (400|404) ", raw);
        Assert.DoesNotContain(StaticSiteFixture.Secret, raw);
        Assert.DoesNotContain("root:x:0:0", raw);
    }

    [Theory]
    [InlineData("/leak.txt")]
    [InlineData("/escape/secret.txt")]
    public async Task Static_SymlinkOutOfRoot_IsNotFollowed(string path)
    {
        var raw = await RawAsync(path);
        Assert.StartsWith("HTTP/1.1 404 ", raw);
        Assert.DoesNotContain(StaticSiteFixture.Secret, raw);
    }

    [Theory]
    [InlineData("/.env")]
    [InlineData("/.git/config")]
    [InlineData("/.git/")]
    [InlineData("/sub/.htaccess")]
    [InlineData("/%2eenv")]
    public async Task Static_Dotfile_Is404(string target)
    {
        var raw = await RawAsync(target);
        Assert.StartsWith("HTTP/1.1 404 ", raw);
        Assert.DoesNotContain("hunter2", raw);
        Assert.DoesNotContain("[core]", raw);
    }
}
