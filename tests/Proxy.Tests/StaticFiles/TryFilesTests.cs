using HostPanel.Proxy.Handlers;
using HostPanel.Proxy.StaticFiles;

namespace HostPanel.Proxy.Tests.StaticFiles;

public sealed class TryFilesTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("hostpanel-tryfiles-");
    private readonly DirectoryInfo _outside = Directory.CreateTempSubdirectory("hostpanel-outside-");

    public TryFilesTests()
    {
        Write("index.php", "<?php");
        Write("style.css", "body{}");
        Write("docs/index.html", "docs");
        Write("empty/.keep", "");
        Write("uploads/x.jpg", "<?php echo 'owned';");
        Write("app.PHP", "<?php");
        File.WriteAllText(Path.Combine(_outside.FullName, "secret.txt"), "secret");
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "leak.txt"), Path.Combine(_outside.FullName, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "leakdir"), _outside.FullName);
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "alias.css"), Path.Combine(_root.FullName, "style.css"));
    }

    public void Dispose()
    {
        _root.Delete(recursive: true);
        _outside.Delete(recursive: true);
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private TryFiles Php() => new(DocumentRoot.Open(_root.FullName), ["index.php"], ["$uri", "$uri/", "/index.php?$args"], php: true);
    private TryFiles Static(params string[] tryFiles) => new(DocumentRoot.Open(_root.FullName), ["index.html"], tryFiles.Length > 0 ? tryFiles : ["$uri", "$uri/", "=404"], php: false);

    [Fact]
    public void Resolve_PrettyPermalink_FallsBackToFrontControllerWithArgs()
    {
        var script = Assert.IsType<FileLookup.Script>(Php().Resolve("/2024/hello-world/", "a=1")).Php;
        Assert.Equal("/index.php", script.ScriptName);
        Assert.Equal(Path.Combine(_root.FullName, "index.php"), script.FileName);
        Assert.Equal("a=1", script.QueryString);
        Assert.Equal("", script.PathInfo);
    }

    [Fact]
    public void Resolve_ExistingNonPhpFile_IsStaticOnPhpRoute()
    {
        var file = Assert.IsType<FileLookup.StaticFile>(Php().Resolve("/style.css", ""));
        Assert.Equal("style.css", file.File.Name);
    }

    [Fact]
    public void Resolve_PathInfo_SplitsAfterFirstPhpSegment()
    {
        var script = Assert.IsType<FileLookup.Script>(Php().Resolve("/index.php/feed/atom", "")).Php;
        Assert.Equal("/index.php", script.ScriptName);
        Assert.Equal("/feed/atom", script.PathInfo);
    }

    [Theory]
    [InlineData("/uploads/x.jpg/evil.php")]
    [InlineData("/uploads/x.jpg/.php")]
    [InlineData("/missing.php")]
    [InlineData("/uploads/x.jpg/index.php/more")]
    public void Resolve_PhpPathThatIsNotAnExistingScript_Is404NeverAnotherFile(string uri) =>
        Assert.Equal(new FileLookup.Status(404), Php().Resolve(uri, ""));

    [Fact]
    public void Resolve_UpperCasePhpExtension_IsNeverServedAsSource() =>
        Assert.IsType<FileLookup.Script>(Php().Resolve("/app.PHP", ""));

    [Fact]
    public void Resolve_DirectoryWithoutSlash_RedirectsKeepingQuery() =>
        Assert.Equal(new FileLookup.Redirect("/docs/?x=1"), Static().Resolve("/docs", "x=1"));

    [Fact]
    public void Resolve_DirectoryWithSlash_ServesIndex() =>
        Assert.Equal("index.html", Assert.IsType<FileLookup.StaticFile>(Static().Resolve("/docs/", "")).File.Name);

    [Fact]
    public void Resolve_DirectoryWithoutIndex_Is403() =>
        Assert.Equal(403, Assert.IsType<FileLookup.Status>(Static().Resolve("/empty/", "")).Code);

    [Fact]
    public void Resolve_SpaFallback_ServesFallbackFile() =>
        Assert.Equal("index.html", Assert.IsType<FileLookup.StaticFile>(Static("$uri", "/docs/index.html").Resolve("/app/route", "")).File.Name);

    [Fact]
    public void Resolve_SymlinkInsideRoot_IsServed() =>
        Assert.IsType<FileLookup.StaticFile>(Static().Resolve("/alias.css", ""));

    [Theory]
    [InlineData("/leak.txt")]
    [InlineData("/leakdir/secret.txt")]
    public void Resolve_SymlinkLeadingOutsideRoot_IsNotFollowed(string uri) =>
        Assert.Equal(new FileLookup.Status(404), Static().Resolve(uri, ""));

    [Fact]
    public void Open_MissingRoot_ThrowsActivationErrorNamingIt()
    {
        var missing = Path.Combine(_root.FullName, "nope");
        var error = Assert.Throws<SiteActivationException>(() => DocumentRoot.Open(missing));
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Alias_LocationPrefixIsReplacedByRoot()
    {
        var assets = DocumentRoot.Open(Path.Combine(_root.FullName, "docs"), "/assets/");
        Assert.Equal("index.html", assets.File("/assets/index.html")?.Name);
        Assert.Null(assets.File("/assets/../style.css"));
        Assert.Null(assets.File("/other/index.html"));
    }
}
