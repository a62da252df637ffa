using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Tls;

/// <summary>Site documents and certificate API calls shared by the HTTPS tests.</summary>
public static class TlsSites
{
    public static string Json(string name, string[] domains, string upstream, string tls) => $$"""
        { "name": "{{name}}", "domains": [{{string.Join(", ", domains.Select(d => $"\"{d}\""))}}],
          "backend": { "type": "app", "upstreams": ["{{upstream}}"] }, "tls": {{tls}} }
        """;

    public static async Task CreateAsync(HostPanelInstance panel, string name, string[] domains, string upstream, string tls)
    {
        using var response = await panel.PostSiteAsync(Json(name, domains, upstream, tls));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static async Task<HttpResponseMessage> ImportAsync(HostPanelInstance panel, string site, string body) =>
        await panel.Api.PutAsync($"/api/v1/sites/{site}/certificate", HostPanelInstance.JsonContent(body));

    public static async Task ImportOkAsync(HostPanelInstance panel, string site, PemPair pair)
    {
        using var response = await ImportAsync(panel, site, pair.ImportJson());
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static Task<JsonNode> CertificateAsync(HostPanelInstance panel, string site) => panel.GetJsonAsync($"/api/v1/sites/{site}/certificate");

    /// <summary>Polls the certificate state until <paramref name="done"/> holds (bounded), returning the last state.</summary>
    public static async Task<JsonNode> WaitForAsync(HostPanelInstance panel, string site, Func<JsonNode, bool> done, TimeSpan? timeout = null, Action? eachPoll = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        JsonNode state;
        do
        {
            eachPoll?.Invoke();
            state = await CertificateAsync(panel, site);
            if (done(state)) return state;
            await Task.Delay(100);
        } while (clock.Elapsed < limit);
        throw new TimeoutException($"Certificate of {site} did not reach the expected state within {limit}: {state.ToJsonString()}");
    }

    public static bool IssuanceFinished(JsonNode state) => state["issuance"]?["finishedAt"] is not null;

    /// <summary>Asks for an issuance now (202) and waits until it replaced the certificate; fails on a failed issuance.</summary>
    public static async Task<JsonNode> IssueNowAsync(HostPanelInstance panel, string site)
    {
        var serial = (string?)(await CertificateAsync(panel, site))["serialNumber"];
        using (var accepted = await panel.Api.PostAsync($"/api/v1/sites/{site}/certificate/issue", null))
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var state = await WaitForAsync(panel, site, s => IssuanceFinished(s) && (string?)s["serialNumber"] != serial
            || (string?)s["issuance"]?["state"] == "failed");
        Assert.True((string?)state["issuance"]!["state"] == "issued", state.ToJsonString());
        return state;
    }
}
