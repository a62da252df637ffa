namespace HostPanel.Panel.Certificates.Acme;

/// <summary>
/// An ACME request or order failed. The message is plain English for the panel and the API (what went
/// wrong, for which domain, and what to check); <see cref="RetryAfter"/> is set when the CA said when to retry.
/// </summary>
public sealed class AcmeException(string message, AcmeProblem? problem = null, DateTimeOffset? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public AcmeProblem? Problem { get; } = problem;
    public DateTimeOffset? RetryAfter { get; } = retryAfter;
}
