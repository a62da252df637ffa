using System.Text.Json;
using HostPanel.Shared.Sites;
using HostPanel.Shared.Units;

namespace HostPanel.Shared.Validation;

/// <summary>Checks of the <c>tls</c> and <c>rateLimit</c> blocks.</summary>
internal static class TlsRules
{
    private const string HstsHelp = "give max-age in seconds as a whole number, e.g. 63072000 (two years), or leave the field out for no HSTS";

    public static void Check(IssueCollector issues, TlsConfig? tls)
    {
        if (tls is null) return;
        issues.UnknownFields<TlsConfig>("tls", tls.Unknown);
        var modeOk = issues.OneOf("tls.mode", tls.Mode, "TLS mode", "off", "redirect", "both");
        issues.OneOf("tls.certificate", tls.Certificate, "certificate source", "acme", "imported", "none");
        if (modeOk && tls.Mode is "redirect" or "both" && tls.Certificate == "none")
            issues.Error("tls.certificate", $"mode \"{tls.Mode}\" serves HTTPS, which needs a certificate; set \"certificate\" to \"acme\" (Let's Encrypt) or \"imported\", or set \"mode\" to \"off\".");

        if (tls.Hsts is not { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } hsts) return;
        if (!IsHsts(hsts))
        {
            issues.Error("tls.hsts", $"{hsts.GetRawText()} is not a valid HSTS max-age; {HstsHelp}.");
            return;
        }
        if (tls.Mode is null or "off")
            issues.Warning("tls.hsts", "HSTS is only sent over HTTPS, and with mode \"off\" the site has none; set \"mode\" to \"redirect\" or remove \"hsts\".");
    }

    private static bool IsHsts(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetInt64(out var n) && n >= 0,
        JsonValueKind.String => value.GetString() is { Length: > 0 and <= 18 } s && s.All(char.IsAsciiDigit),
        _ => false,
    };

    public static void CheckRateLimit(IssueCollector issues, RateLimitConfig? limit)
    {
        if (limit is null) return;
        issues.UnknownFields<RateLimitConfig>("rateLimit", limit.Unknown);
        if (limit.Rate is null)
            issues.Error("rateLimit.rate", $"a rate is required; {RequestRate.Help}.");
        else if (!RequestRate.TryParse(limit.Rate, out _))
            issues.Error("rateLimit.rate", $"{IssueCollector.Quote(limit.Rate)} is not a request rate; {RequestRate.Help}.");
        if (limit.Burst is < 0)
            issues.Error("rateLimit.burst", $"{limit.Burst} is negative; use 0 (no burst) or more, e.g. 20.");
    }
}
