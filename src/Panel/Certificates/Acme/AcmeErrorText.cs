using System.Globalization;
using System.Security.Authentication;

namespace HostPanel.Panel.Certificates.Acme;

/// <summary>
/// Turns ACME problem documents into plain English: which domain failed, what the CA saw, and what to check
/// (DNS, port 80, CAA records, rate limits). The CA's own detail is kept at the end for reference.
/// </summary>
public static class AcmeErrorText
{
    public static string Describe(AcmeProblem? problem, string? domain, DateTimeOffset? retryAt)
    {
        if (problem is null) return "The ACME server refused the request without saying why.";
        // A problem about several identifiers reports each in a subproblem (RFC 8555 §6.7.1).
        if (problem.Subproblems is { Count: > 0 } subproblems)
            return string.Join(" ", subproblems.Select(p => Describe(p, p.Identifier?.Value ?? domain, retryAt)));
        var name = problem.Identifier?.Value ?? domain;
        var subject = name is null ? "the site's domains" : name;
        var text = problem.Kind switch
        {
            "dns" => $"The CA could not look up {subject} in DNS: check that the domain exists and has an A (or AAAA) record pointing to this server.",
            "connection" => $"The CA could not connect to {subject} on port 80: check that DNS points to this server and that port 80 is open to the internet (firewall, router, cloud security group).",
            "unauthorized" or "incorrectResponse" => $"The CA reached {subject} but did not get HostPanel's answer to the challenge: DNS probably points to another server, or something in front of HostPanel (another proxy or a CDN) answers /.well-known/acme-challenge/.",
            "caa" => $"A CAA record in the DNS of {subject} forbids this CA from issuing: add a CAA record that allows it (e.g. 0 issue \"letsencrypt.org\") or remove the restriction.",
            "rateLimited" => retryAt is { } at
                ? $"The CA's rate limit was reached for {subject}: rate limited until {at.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}; HostPanel retries after that."
                : $"The CA's rate limit was reached for {subject}; HostPanel retries later.",
            "rejectedIdentifier" => $"The CA refuses to issue certificates for {subject}; it may be a reserved or blocked name.",
            "malformed" => $"The CA could not accept the request for {subject}.",
            "accountDoesNotExist" => "The ACME account is unknown to the CA; HostPanel registers it again on the next attempt.",
            "externalAccount" => "The CA requires external account binding, which HostPanel does not support; use a CA that does not require it.",
            "serverInternal" => "The CA had an internal error; HostPanel retries later.",
            _ => $"The CA refused the request for {subject} ({problem.Kind}).",
        };
        return string.IsNullOrWhiteSpace(problem.Detail) ? text : $"{text} CA said: {problem.Detail.Trim()}";
    }

    public static string Unreachable(Uri directory, HttpRequestException error)
    {
        if (error.InnerException is AuthenticationException)
            return $"HostPanel does not trust the HTTPS certificate of the ACME server at {directory}: for a private or test CA, point HostPanel:Acme:TrustedRootsFile at its root certificate (PEM). ({error.Message})";
        return $"Could not reach the ACME server at {directory}: {error.Message} Check HostPanel:Acme:DirectoryUrl and that this server can make outbound HTTPS connections.";
    }
}
