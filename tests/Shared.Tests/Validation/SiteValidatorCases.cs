namespace HostPanel.Shared.Tests.Validation;

/// <summary>
/// Bad documents and what the validator must say about them: a patch applied to <see cref="TestSites.Base"/>,
/// the JSON path of the expected error and a fragment of its message.
/// </summary>
public static class SiteValidatorCases
{
    private const string BlueGreen = TestSites.ValidBlueGreen;

    public static TheoryData<string, string, string> BadDocuments { get; } = new()
    {
        // unknown fields, with and without a close match
        { """{"nmae":"x"}""", "nmae", "did you mean \"name\"?" },
        { """{"foo":1}""", "foo", "fields allowed here: name, domains, enabled, backend" },
        { """{"upstream":{"maxFail":3}}""", "upstream.maxFail", "unknown field; did you mean \"maxFails\"?" },
        { """{"backend":{"type":"app","upstreams":[{"address":"127.0.0.1:3000","wieght":2}]}}""", "backend.upstreams[0].wieght", "did you mean \"weight\"?" },
        { """{"backend":{"type":"app","upstreams":["127.0.0.1:3000"],"upstream":["x"]}}""", "backend.upstream", "did you mean \"upstreams\"?" },
        { """{"tls":{"mode":"off","htsts":1}}""", "tls.htsts", "did you mean \"hsts\"?" },
        { """{"locations":[{"path":"/s/","static":{"root":"$ROOT","expire":"1d"}}]}""", "locations[0].static.expire", "did you mean \"expires\"?" },
        { """{"locations":[{"path":"/a","readTimout":"5s"}]}""", "locations[0].readTimout", "did you mean \"readTimeout\"?" },
        { """{"upstream":{"healthCheck":{"path":"/h","intervall":"5s"}}}""", "upstream.healthCheck.intervall", "did you mean \"interval\"?" },
        { """{"rateLimit":{"rate":"1r/s","nodely":true}}""", "rateLimit.nodely", "did you mean \"nodelay\"?" },
        { """{"blueGreen":{"slots":{"blue":"127.0.0.1:3000","green":"127.0.0.1:3001"},"active":"blue","zzz":1}}""", "blueGreen.zzz", "fields allowed here: slots, active" },
        { """{"blueGreen":{"slots":{"blue":"127.0.0.1:3000","green":"127.0.0.1:3001"},"active":"blue","runtime":{"type":"external","cmd":"x"}}}""", "blueGreen.runtime.cmd", "unknown field" },
        { """{"tls":{"mode":"off","status":{}}}""", "tls.status", "unknown field" },

        // name
        { """{"name":null}""", "name", "site name is required" },
        { """{"name":"My App"}""", "name", "\"My App\" is not a valid site name; use 1 to 63 lower-case letters" },
        { """{"name":"App"}""", "name", "write it in lower case: \"app\"" },
        { """{"name":"café<1>"}""", "name", "\"café<1>\" is not a valid site name" },
        { """{"name":"-app"}""", "name", "starting with a letter or digit" },
        { """{"name":"my_app"}""", "name", "e.g. \"my-app\"" },
        { $$"""{"name":"{{new string('a', 64)}}"}""", "name", "1 to 63" },

        // domains
        { """{"domains":null}""", "domains", "at least one domain is required" },
        { """{"domains":[]}""", "domains", "at least one domain is required" },
        { """{"domains":["app.example.com","bad domain.com"]}""", "domains[1]", "\"bad domain.com\" is not a valid host name" },
        { """{"domains":["app.example.com","App.Example.COM."]}""", "domains[1]", "same domain as domains[0]" },
        { """{"domains":["example.com:8080"]}""", "domains[0]", "has a port or scheme; write the bare host name (ports are set by HostPanel:Proxy)." },
        { """{"domains":["app.*.com"]}""", "domains[0]", "\"*.example.com\"" },
        { """{"domains":["*.com"]}""", "domains[0]", "at least two labels" },
        { """{"domains":[null]}""", "domains[0]", "cannot be empty" },
        { """{"domains":["bücher.de"]}""", "domains[0]", "punycode" },

        // backend: type
        { """{"backend":null}""", "backend", "a backend is required" },
        { """{"backend":{}}""", "backend.type", "backend type is required" },
        { """{"backend":{"type":"nodejs"}}""", "backend.type", "\"nodejs\" is not a backend type; use one of \"app\", \"php\", \"static\"" },
        { """{"backend":{"type":"PHP","root":"$ROOT","socket":"$FILE"}}""", "backend.type", "lower case: \"php\"" },

        // backend: app
        { """{"backend":{"type":"app"}}""", "backend.upstreams", "at least one upstream" },
        { """{"backend":{"type":"app","upstreams":[]}}""", "backend.upstreams", "at least one upstream" },
        { """{"backend":{"type":"app","upstreams":["127.0.0.1:3000","localhost"]}}""", "backend.upstreams[1]", "\"localhost\" has no port; write host:port, e.g. \"127.0.0.1:3000\"" },
        { """{"backend":{"type":"app","upstreams":["http://127.0.0.1:3000"]}}""", "backend.upstreams[0]", "has a scheme" },
        { """{"backend":{"type":"app","upstreams":["::1:3000"]}}""", "backend.upstreams[0]", "IPv6 address in brackets" },
        { """{"backend":{"type":"app","upstreams":["127.0.0.1:70000"]}}""", "backend.upstreams[0]", "ports are 1 to 65535" },
        { """{"backend":{"type":"app","upstreams":[{"address":"nope"}]}}""", "backend.upstreams[0].address", "has no port" },
        { """{"backend":{"type":"app","upstreams":["127.0.0.1:3000","127.0.0.1:3001",{"address":"127.0.0.1:3002","weight":0}]}}""", "backend.upstreams[2].weight", "1 to 1000" },
        { """{"backend":{"type":"app","upstreams":[{"address":"127.0.0.1:3002","weight":1001}]}}""", "backend.upstreams[0].weight", "weight 1001 is out of range" },
        { """{"backend":{"type":"app","upstreams":["127.0.0.1:3000","127.0.0.1:3000"]}}""", "backend.upstreams[1]", "already listed as backend.upstreams[0]" },
        { """{"backend":{"type":"app","upstreams":["Api.Local:80",{"address":"api.local:80"}]}}""", "backend.upstreams[1]", "already listed" },
        { """{"backend":{"type":"app","upstreams":[null]}}""", "backend.upstreams[0]", "cannot be null" },
        { """{"backend":{"type":"app","upstreams":["127.0.0.1:3000"],"balancing":"random"}}""", "backend.balancing", "\"round_robin\", \"least_conn\", \"ip_hash\"" },
        { """{"backend":{"type":"app","upstreams":["127.0.0.1:3000"],"root":"/var/www"}}""", "backend.root", "only for php and static backends" },
        { """{"backend":{"type":"app","upstreams":["127.0.0.1:3000"],"socket":"/run/php.sock"}}""", "backend.socket", "only for php" },
        { """{"backend":{"type":"app","upstreams":["127.0.0.1:3000"],"tryFiles":["=404"]}}""", "backend.tryFiles", "only for php and static" },

        // backend: php
        { """{"backend":{"type":"php","root":"$ROOT"}}""", "backend.socket", "PHP-FPM socket is required" },
        { """{"backend":{"type":"php","root":"$ROOT","socket":"php.sock"}}""", "backend.socket", "neither an absolute socket path nor host:port" },
        { """{"backend":{"type":"php","root":"$ROOT","socket":"unix:/run/php.sock"}}""", "backend.socket", "without the nginx \"unix:\" prefix, e.g. \"/run/php.sock\"" },
        { """{"backend":{"type":"php","root":"$ROOT","socket":"127.0.0.1:99999"}}""", "backend.socket", "ports are 1 to 65535" },
        { """{"backend":{"type":"php","root":"$ROOT","socket":"$ROOT"}}""", "backend.socket", "is a directory" },
        { """{"backend":{"type":"php","socket":"$FILE"}}""", "backend.root", "document root is required" },
        { """{"backend":{"type":"php","socket":"$FILE","root":"www"}}""", "backend.root", "\"www\" is not an absolute path" },
        { """{"backend":{"type":"php","socket":"$FILE","root":"$MISSING"}}""", "backend.root", "does not exist" },
        { """{"backend":{"type":"php","socket":"$FILE","root":"$ROOT","upstreams":["127.0.0.1:9000"]}}""", "backend.upstreams", "only for app backends" },

        // backend: static, index and tryFiles
        { """{"backend":{"type":"static","root":"$FILE"}}""", "backend.root", "is a file, not a directory" },
        { """{"backend":{"type":"static"}}""", "backend.root", "document root is required" },
        { """{"backend":{"type":"static","root":"$ROOT","balancing":"ip_hash"}}""", "backend.balancing", "only for app" },
        { """{"backend":{"type":"static","root":"$ROOT","socket":"$FILE"}}""", "backend.socket", "only for php" },
        { """{"backend":{"type":"static","root":"$ROOT","tryFiles":["$uri","$uri/"]}}""", "backend.tryFiles[1]", "\"$uri/\" cannot be the last tryFiles entry" },
        { """{"backend":{"type":"static","root":"$ROOT","tryFiles":["$uri","=44"]}}""", "backend.tryFiles[1]", "e.g. \"=404\" or \"/index.html\"" },
        { """{"backend":{"type":"static","root":"$ROOT","tryFiles":["","=404"]}}""", "backend.tryFiles[0]", "cannot be empty" },
        { """{"backend":{"type":"static","root":"$ROOT","tryFiles":[]}}""", "backend.tryFiles", "list is empty" },
        { """{"backend":{"type":"php","socket":"$FILE","root":"$ROOT","tryFiles":["$uri","index.php"]}}""", "backend.tryFiles[1]", "\"/index.php?$args\"" },
        { """{"backend":{"type":"static","root":"$ROOT","index":[" "]}}""", "backend.index[0]", "not an index file name" },
        { """{"backend":{"type":"static","root":"$ROOT","index":[]}}""", "backend.index", "index list is empty" },

        // locations
        { """{"locations":[null]}""", "locations[0]", "cannot be null" },
        { """{"locations":[{"webSocket":true}]}""", "locations[0].path", "needs a path prefix" },
        { """{"locations":[{"path":"api","webSocket":true}]}""", "locations[0].path", "\"api\" does not start with \"/\"; write the URL path prefix, e.g. \"/api\"" },
        { """{"locations":[{"path":"~ \\.php$","webSocket":true}]}""", "locations[0].path", "regex location, which HostPanel does not support" },
        { """{"locations":[{"path":"/a","webSocket":true},{"path":"/a","readTimeout":"5s"}]}""", "locations[1].path", "already the path of locations[0]" },
        { """{"locations":[{"path":"/a"}]}""", "locations[0]", "changes nothing" },
        { """{"locations":[{"path":"/s/","static":{}}]}""", "locations[0].static.root", "document root is required" },
        { """{"locations":[{"path":"/s/","static":{"root":"static"}}]}""", "locations[0].static.root", "not an absolute path" },
        { """{"locations":[{"path":"/s/","static":{"root":"$MISSING"}}]}""", "locations[0].static.root", "does not exist" },
        { """{"locations":[{"path":"/s/","static":{"root":"$ROOT","expires":"30 days"}}]}""", "locations[0].static.expires", "\"30 days\" is not a duration; use a number with an nginx time unit" },
        { """{"locations":[{"path":"/ws","backend":{"type":"app","upstreams":["127.0.0.1"]}}]}""", "locations[0].backend.upstreams[0]", "has no port" },
        { """{"locations":[{"path":"/ws","backend":{"type":"ftp"}}]}""", "locations[0].backend.type", "use one of" },
        { """{"locations":[{"path":"/a","readTimeout":"abc"}]}""", "locations[0].readTimeout", "\"abc\" is not a duration" },
        { """{"locations":[{"path":"/a","sendTimeout":"0"}]}""", "locations[0].sendTimeout", "longer than 0" },
        { """{"locations":[{"path":"/a","maxBodySize":"10mb"}]}""", "locations[0].maxBodySize", "\"10mb\" is not a size; use a number with an nginx size unit" },

        // upstream
        { """{"upstream":{"maxFails":-1}}""", "upstream.maxFails", "-1 is negative" },
        { """{"upstream":{"nextUpstreamTries":-2}}""", "upstream.nextUpstreamTries", "-2 is negative" },
        { """{"upstream":{"failTimeout":"10x"}}""", "upstream.failTimeout", "\"10x\" is not a duration" },
        { """{"upstream":{"nextUpstreamTimeout":"later"}}""", "upstream.nextUpstreamTimeout", "not a duration" },
        { """{"upstream":{"connectTimeout":"0s"}}""", "upstream.connectTimeout", "must be longer than 0" },
        { """{"upstream":{"connectTimeout":"fast"}}""", "upstream.connectTimeout", "e.g. \"500ms\", \"10s\"" },
        { """{"upstream":{"readTimeout":"1 minute"}}""", "upstream.readTimeout", "not a duration" },
        { """{"upstream":{"sendTimeout":"-5s"}}""", "upstream.sendTimeout", "not a duration" },
        { """{"upstream":{"nextUpstream":["error","http_501"]}}""", "upstream.nextUpstream[1]", "\"http_501\" is not a proxy_next_upstream condition; use one of \"error\"" },
        { """{"upstream":{"nextUpstream":["HTTP_502"]}}""", "upstream.nextUpstream[0]", "lower case: \"http_502\"" },
        { """{"upstream":{"nextUpstream":[null]}}""", "upstream.nextUpstream[0]", "not a proxy_next_upstream condition" },
        { """{"upstream":{"nextUpstream":["off","error"]}}""", "upstream.nextUpstream", "[\"off\"] alone" },
        { """{"upstream":{"nextUpstream":["error","error"]}}""", "upstream.nextUpstream[1]", "listed twice" },
        { """{"upstream":{"nextUpstream":[]}}""", "upstream.nextUpstream", "list is empty" },
        { """{"upstream":{"healthCheck":{"path":"healthz"}}}""", "upstream.healthCheck.path", "start it with \"/\"" },
        { """{"upstream":{"healthCheck":{"path":"/h","interval":"soon"}}}""", "upstream.healthCheck.interval", "not a duration" },

        // tls
        { """{"tls":{"mode":"on"}}""", "tls.mode", "use one of \"off\", \"redirect\", \"both\"" },
        { """{"tls":{"mode":"redirect","certificate":"letsencrypt"}}""", "tls.certificate", "\"acme\", \"imported\", \"none\"" },
        { """{"tls":{"mode":"redirect","certificate":"none"}}""", "tls.certificate", "needs a certificate" },
        { """{"tls":{"mode":"both","certificate":"none"}}""", "tls.certificate", "needs a certificate" },
        { """{"tls":{"mode":"redirect","hsts":-1}}""", "tls.hsts", "-1 is not a valid HSTS max-age" },
        { """{"tls":{"mode":"redirect","hsts":"2 years"}}""", "tls.hsts", "e.g. 63072000" },
        { """{"tls":{"mode":"redirect","hsts":true}}""", "tls.hsts", "not a valid HSTS max-age" },
        { """{"tls":{"mode":"redirect","hsts":1.5}}""", "tls.hsts", "whole number" },
        { """{"tls":{"mode":"redirect","hsts":"-5"}}""", "tls.hsts", "not a valid HSTS max-age" },

        // rateLimit, maxBodySize, headers
        { """{"rateLimit":{"burst":5}}""", "rateLimit.rate", "rate is required; use requests per second or minute" },
        { """{"rateLimit":{"rate":"10/s"}}""", "rateLimit.rate", "\"10/s\" is not a request rate; use requests per second or minute, e.g. \"10r/s\"" },
        { """{"rateLimit":{"rate":"10r/s","burst":-1}}""", "rateLimit.burst", "-1 is negative" },
        { """{"maxBodySize":"10 MB"}""", "maxBodySize", "\"10 MB\" is not a size; use a number with an nginx size unit, e.g. \"512k\"" },
        { """{"headers":{"X Frame":"DENY"}}""", "headers.X Frame", "not a valid header name" },
        { """{"headers":{"X-Frame-Options:":"DENY"}}""", "headers.X-Frame-Options:", "not a valid header name" },
        { """{"headers":{"Connection":"close"}}""", "headers.Connection", "managed by the proxy" },
        { """{"headers":{"transfer-encoding":"chunked"}}""", "headers.transfer-encoding", "managed by the proxy" },
        { """{"headers":{"TE":"x"}}""", "headers.TE", "managed by the proxy" },
        { """{"headers":{"X-A":"a\r\nSet-Cookie: x=1"}}""", "headers.X-A", "line break" },
        { """{"headers":{"X-A":null}}""", "headers.X-A", "cannot be null" },

        // blueGreen
        { $$"""{"backend":{"type":"static","root":"$ROOT"},"blueGreen":{{BlueGreen}}}""", "blueGreen", "needs an app backend" },
        { """{"blueGreen":{"active":"blue"}}""", "blueGreen.slots", "two slots are required" },
        { """{"blueGreen":{"slots":{"blue":"127.0.0.1:3000"},"active":"blue"}}""", "blueGreen.slots.green", "\"green\" slot is missing" },
        { """{"blueGreen":{"slots":{"blue":"127.0.0.1:3000","green":"127.0.0.1:3001","red":"127.0.0.1:3002"},"active":"blue"}}""", "blueGreen.slots.red", "exactly two slots" },
        { """{"blueGreen":{"slots":{"blue":"3000","green":"127.0.0.1:3001"},"active":"blue"}}""", "blueGreen.slots.blue", "has no port" },
        { """{"blueGreen":{"slots":{"blue":"127.0.0.1:3000","green":"127.0.0.1:3000"},"active":"blue"}}""", "blueGreen.slots.green", "same address as blue" },
        { """{"blueGreen":{"slots":{"blue":"127.0.0.1:3000","green":"127.0.0.1:3001"}}}""", "blueGreen.active", "\"blue\" or \"green\"" },
        { """{"blueGreen":{"slots":{"blue":"127.0.0.1:3000","green":"127.0.0.1:3001"},"active":"red"}}""", "blueGreen.active", "\"red\" is not a slot" },
        { """{"blueGreen":{"slots":{"blue":"127.0.0.1:3000","green":"127.0.0.1:3001"},"active":"blue","runtime":{}}}""", "blueGreen.runtime.type", "runtime type is required" },
        { """{"blueGreen":{"slots":{"blue":"127.0.0.1:3000","green":"127.0.0.1:3001"},"active":"blue","runtime":{"type":"k8s"}}}""", "blueGreen.runtime.type", "\"process\", \"external\", \"docker\"" },
        { """{"blueGreen":{"slots":{"blue":"127.0.0.1:3000","green":"127.0.0.1:3001"},"active":"blue","runtime":{"type":"process"}}}""", "blueGreen.runtime.command", "needs the command" },
        { """{"blueGreen":{"slots":{"blue":"127.0.0.1:3000","green":"127.0.0.1:3001"},"active":"blue","runtime":{"type":"docker"}}}""", "blueGreen.runtime.image", "needs an image" },
        { """{"blueGreen":{"slots":{"blue":"127.0.0.1:3000","green":"127.0.0.1:3001"},"active":"blue","runtime":{"type":"external","workingDirectory":"srv/app"}}}""", "blueGreen.runtime.workingDirectory", "not an absolute path" },
        { """{"blueGreen":{"slots":{"blue":"127.0.0.1:3000","green":"127.0.0.1:3001"},"active":"blue","runtime":{"type":"external","healthPath":"healthz"}}}""", "blueGreen.runtime.healthPath", "start it with \"/\"" },
        { """{"blueGreen":{"slots":{"blue":"127.0.0.1:3000","green":"127.0.0.1:3001"},"active":"blue","drainTimeout":"x"}}""", "blueGreen.drainTimeout", "not a duration" },
        { """{"blueGreen":{"slots":{"blue":"127.0.0.1:3000","green":"127.0.0.1:3001"},"active":"blue","keepPrevious":"forever"}}""", "blueGreen.keepPrevious", "not a duration" },
    };
}
