using HostPanel.Panel.Certificates;
using HostPanel.Panel.Data;
using HostPanel.Panel.Sites;
using Microsoft.EntityFrameworkCore;

namespace HostPanel.Panel.Api;

/// <summary>
/// <c>/api/v1/sites/{name}/certificate</c>: read the certificate state (<c>GET</c>), import one (<c>PUT</c>), and
/// start an ACME issuance (<c>POST .../issue</c>: 202 with the progress, to poll at <c>GET</c>).
/// </summary>
public static class CertificatesApi
{
    /// <summary>Body of an import: the certificate followed by its chain, and its private key, both PEM.</summary>
    public sealed record ImportRequest(string? CertificatePem, string? PrivateKeyPem);

    public static RouteGroupBuilder MapCertificatesApi(this RouteGroupBuilder api)
    {
        var certificate = api.MapGroup("/sites/{name}/certificate").WithTags("Certificates");
        certificate.MapGet("/", Get).WithSummary("The site's certificate: subject, sans, issuer, notAfter, nextRenewal, lastError, history, issuance progress");
        certificate.MapPut("/", Import).Accepts<ImportRequest>("application/json").WithSummary("Import a certificate (PEM chain and private key)");
        certificate.MapPost("/issue", Issue).WithSummary("Obtain or renew the site's certificate via ACME; 202, then poll GET for progress");
        return api;
    }

    private static async Task<IResult> Get(string name, SiteService sites, IDbContextFactory<HostPanelDb> db, CertificateService certificates,
        CertificateStatusBoard board, CancellationToken cancellationToken) =>
        sites.Get(name) is null ? ApiProblems.SiteNotFound(name) : Results.Json(await CertificateView.BuildAsync(name, db, board, certificates.Clock, cancellationToken));

    private static async Task<IResult> Import(string name, ImportRequest? body, SiteService sites, IDbContextFactory<HostPanelDb> db,
        CertificateService certificates, CertificateStatusBoard board, CancellationToken cancellationToken)
    {
        if (sites.Get(name) is not { } site) return ApiProblems.SiteNotFound(name);
        var problems = await certificates.ImportAsync(site, body?.CertificatePem, body?.PrivateKeyPem, cancellationToken);
        if (problems.Count > 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The certificate cannot be imported",
                detail: $"{string.Join(" ", problems.Select(p => char.ToUpperInvariant(p.Message[0]) + p.Message[1..]))} The current certificate stays in place.",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                });
        }
        return Results.Json(await CertificateView.BuildAsync(name, db, board, certificates.Clock, cancellationToken));
    }

    private static async Task<IResult> Issue(string name, HttpRequest request, SiteService sites, CertificateRenewalService renewal,
        IDbContextFactory<HostPanelDb> db, CertificateService certificates, CertificateStatusBoard board, CancellationToken cancellationToken)
    {
        if (sites.Get(name) is not { } site) return ApiProblems.SiteNotFound(name);
        if (site.Compiled.Tls is not { Certificate: "acme", ServesHttps: true })
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The site does not use ACME certificates",
                detail: $"Site \"{name}\" has tls.mode \"{site.Compiled.Tls.Mode}\" and tls.certificate \"{site.Compiled.Tls.Certificate}\"; set tls.mode to \"redirect\" or \"both\" and tls.certificate to \"acme\", or import a certificate with PUT.");
        }
        renewal.RequestIssuance(name);
        // 202 with the status to poll in Location (the same view GET returns).
        var view = await CertificateView.BuildAsync(name, db, board, certificates.Clock, cancellationToken);
        return Results.Accepted($"{request.PathBase}/api/v1/sites/{name}/certificate", view);
    }
}
