using HostPanel.Shared.Sites;

namespace HostPanel.Shared.Validation;

/// <summary>
/// The <c>nginx -t</c> of HostPanel: checks a <see cref="SiteDocument"/> completely and reports every problem,
/// each with the JSON path of the field and a message that says how to fix it. Never throws on a parsed document.
/// </summary>
public static class SiteValidator
{
    /// <summary>Validates <paramref name="site"/> against the schema, the file system and the other sites in <paramref name="context"/>.</summary>
    public static ValidationResult Validate(SiteDocument site, SiteValidationContext context)
    {
        var issues = new IssueCollector();
        if (site is null)
        {
            issues.Error("", "the site document is empty; send a JSON object with at least \"name\", \"domains\" and \"backend\".");
            return new ValidationResult(issues.Issues.ToArray());
        }
        context ??= SiteValidationContext.Empty;

        // The API returns a read-only "status" object next to the document; clients may send it back unchanged.
        issues.UnknownFields<SiteDocument>("", site.Unknown, "status");
        NameRules.Check(issues, site.Name, context);
        NameRules.CheckDomains(issues, site.Domains, context);

        if (site.Backend is null)
            issues.Error("backend", "a backend is required; e.g. { \"type\": \"app\", \"upstreams\": [\"127.0.0.1:3000\"] }, " +
                "{ \"type\": \"php\", \"socket\": \"/run/php/php-fpm.sock\", \"root\": \"/var/www/site\" } or { \"type\": \"static\", \"root\": \"/var/www/site\" }.");
        else
            BackendRules.Check(issues, "backend", site.Backend, slotsGiveUpstreams: site.BlueGreen is not null);

        LocationRules.Check(issues, site.Locations, site.Backend);
        UpstreamRules.Check(issues, site.Upstream);
        TlsRules.Check(issues, site.Tls);
        TlsRules.CheckRateLimit(issues, site.RateLimit);
        issues.Size("maxBodySize", site.MaxBodySize);
        HeaderRules.Check(issues, site.Headers);
        BlueGreenRules.Check(issues, site.BlueGreen, site.Backend);

        return new ValidationResult(issues.Issues.ToArray());
    }
}
