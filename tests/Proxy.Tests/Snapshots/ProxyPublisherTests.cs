using HostPanel.Proxy.Handlers;
using HostPanel.Proxy.Logging;
using HostPanel.Proxy.Pages;
using HostPanel.Proxy.Snapshots;
using HostPanel.Proxy.Upstreams;
using HostPanel.Shared.Compilation;
using HostPanel.Shared.Sites;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Yarp.ReverseProxy.Forwarder;

namespace HostPanel.Proxy.Tests.Snapshots;

public sealed class ProxyPublisherTests : IDisposable
{
    private readonly SnapshotStore _store = new();
    private readonly UpstreamPoolRegistry _pools = new();
    private readonly ProxyPublisher _publisher;
    private readonly SiteLogs _logs = new(Directory.CreateTempSubdirectory("hostpanel-publisher-logs-").FullName);

    public ProxyPublisherTests()
    {
        var forwarder = new ServiceCollection().AddLogging().AddHttpForwarder().BuildServiceProvider().GetRequiredService<IHttpForwarder>();
        var handlers = new HandlerFactory(forwarder, _pools, new ErrorPages(), _logs);
        _publisher = new ProxyPublisher(_store, handlers, _pools, NullLogger<ProxyPublisher>.Instance);
    }

    public void Dispose()
    {
        _pools.Dispose();
        _logs.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_logs.Directory, recursive: true);
    }

    private static CompiledSite App(string name, string upstream = "127.0.0.1:3000", string domain = "") =>
        SiteCompiler.Compile(SiteJson.Parse($$"""
            { "name": "{{name}}", "domains": ["{{(domain == "" ? name + ".test" : domain)}}"], "backend": { "type": "app", "upstreams": ["{{upstream}}"] } }
            """));

    private static CompiledSite Php(string name) => SiteCompiler.Compile(SiteJson.Parse($$"""
        { "name": "{{name}}", "domains": ["{{name}}.test"], "backend": { "type": "php", "socket": "/run/x.sock", "root": "/tmp" } }
        """));

    [Fact]
    public void Publish_SwapsSnapshotWithRevision()
    {
        var snapshot = _publisher.Publish(7, [App("a")]);
        Assert.Same(snapshot, _store.Current);
        Assert.Equal(7, snapshot.Revision);
        Assert.Same(snapshot.Sites["a"], snapshot.Hosts.Match("a.test"));
    }

    [Fact]
    public void Publish_UnchangedSite_KeepsItsRuntimeAndPool()
    {
        var first = _publisher.Publish(1, [App("a"), App("b")]);
        var second = _publisher.Publish(2, [App("a"), App("b", "127.0.0.1:4000")]);
        Assert.Same(first.Sites["a"], second.Sites["a"]);
        Assert.NotSame(first.Sites["b"], second.Sites["b"]);
        Assert.Same(first.Sites["a"].Pools.Single(), second.Sites["a"].Pools.Single());
        Assert.Equal("127.0.0.1:4000", second.Sites["b"].Pools.Single().Destinations.Single().Model.Address);
    }

    [Fact]
    public void Publish_RemovedSite_RetiresItsPool()
    {
        _publisher.Publish(1, [App("a"), App("b", "127.0.0.1:4000")]);
        Assert.Equal(2, _pools.Count);
        _publisher.Publish(2, [App("a")]);
        Assert.Equal(1, _pools.Count);
    }

    [Fact]
    public void Publish_SiteThatCannotActivate_IsQuarantinedAlone()
    {
        var snapshot = _publisher.Publish(1, [App("a"), Php("blog")]);
        Assert.True(snapshot.Sites["a"].IsLive);
        var blog = snapshot.Sites["blog"];
        Assert.False(blog.IsLive);
        Assert.Contains("php", blog.Error);
        Assert.Same(blog, snapshot.Hosts.Match("blog.test"));
        Assert.Null(blog.Route(new Microsoft.AspNetCore.Http.PathString("/")));
    }

    [Fact]
    public void Route_LongestPrefixLocationWins()
    {
        var site = SiteCompiler.Compile(SiteJson.Parse("""
            { "name": "loc", "domains": ["loc.test"], "backend": { "type": "app", "upstreams": ["127.0.0.1:1"] },
              "locations": [ { "path": "/api/", "backend": { "type": "app", "upstreams": ["127.0.0.1:2"] } },
                             { "path": "/api/v2/", "backend": { "type": "app", "upstreams": ["127.0.0.1:3"] }, "maxBodySize": "5m" } ] }
            """));
        var runtime = _publisher.Publish(1, [site]).Sites["loc"];
        string PortFor(string path) => runtime.Route(new Microsoft.AspNetCore.Http.PathString(path))!.Handler.Pools.Single().Destinations.Single().Model.Address;
        Assert.Equal("127.0.0.1:1", PortFor("/"));
        Assert.Equal("127.0.0.1:1", PortFor("/api"));
        Assert.Equal("127.0.0.1:2", PortFor("/api/v1/x"));
        Assert.Equal("127.0.0.1:3", PortFor("/api/v2/x"));
        Assert.Equal(5 << 20, runtime.Route(new Microsoft.AspNetCore.Http.PathString("/api/v2/x"))!.Model.MaxBodySize);
    }
}
