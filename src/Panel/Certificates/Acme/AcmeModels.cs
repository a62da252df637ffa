using System.Text.Json.Serialization;

namespace HostPanel.Panel.Certificates.Acme;

/// <summary>The ACME directory (RFC 8555 §7.1.1): where each resource of the CA lives.</summary>
public sealed record AcmeDirectory(Uri NewNonce, Uri NewAccount, Uri NewOrder, AcmeDirectoryMeta? Meta);

/// <summary>Directory metadata the client reads.</summary>
public sealed record AcmeDirectoryMeta(string? TermsOfService, IReadOnlyList<string>? CaaIdentities);

/// <summary>A DNS identifier of an order or authorization.</summary>
public sealed record AcmeIdentifier(string Type, string Value);

/// <summary>An order (RFC 8555 §7.1.3).</summary>
public sealed record AcmeOrder(string Status, IReadOnlyList<AcmeIdentifier> Identifiers, IReadOnlyList<Uri> Authorizations,
    Uri Finalize, Uri? Certificate, AcmeProblem? Error);

/// <summary>An authorization for one identifier (RFC 8555 §7.1.4).</summary>
public sealed record AcmeAuthorization(string Status, AcmeIdentifier Identifier, IReadOnlyList<AcmeChallenge> Challenges, bool? Wildcard);

/// <summary>One challenge of an authorization (RFC 8555 §8).</summary>
public sealed record AcmeChallenge(string Type, Uri Url, string? Token, string Status, AcmeProblem? Error);

/// <summary>An ACME problem document (RFC 8555 §6.7, RFC 7807), with per-identifier subproblems.</summary>
public sealed record AcmeProblem(string? Type, string? Detail, int? Status, AcmeIdentifier? Identifier, IReadOnlyList<AcmeProblem>? Subproblems)
{
    public const string Prefix = "urn:ietf:params:acme:error:";

    /// <summary>The short error name (<c>badNonce</c>, <c>connection</c>, …) without the URN prefix.</summary>
    [JsonIgnore]
    public string Kind => Type is { } type && type.StartsWith(Prefix, StringComparison.Ordinal) ? type[Prefix.Length..] : Type ?? "unknown";
}

/// <summary>newAccount payload.</summary>
public sealed record AcmeNewAccount(bool TermsOfServiceAgreed, IReadOnlyList<string>? Contact);

/// <summary>An account as the CA keeps it (RFC 8555 §7.1.2): the fields HostPanel reads.</summary>
public sealed record AcmeAccount(string? Status, IReadOnlyList<string>? Contact);

/// <summary>Account update payload (RFC 8555 §7.3.2): the new contact list, empty for none.</summary>
public sealed record AcmeAccountUpdate(IReadOnlyList<string> Contact);

/// <summary>newOrder payload.</summary>
public sealed record AcmeNewOrder(IReadOnlyList<AcmeIdentifier> Identifiers);

/// <summary>finalize payload: the CSR in base64url DER.</summary>
public sealed record AcmeFinalize(string Csr);

/// <summary>The empty object a client posts to a challenge URL to say it is ready.</summary>
public sealed record AcmeEmpty;

/// <summary>System.Text.Json source generation for every ACME document HostPanel reads or writes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AcmeDirectory))]
[JsonSerializable(typeof(AcmeOrder))]
[JsonSerializable(typeof(AcmeAuthorization))]
[JsonSerializable(typeof(AcmeChallenge))]
[JsonSerializable(typeof(AcmeProblem))]
[JsonSerializable(typeof(AcmeNewAccount))]
[JsonSerializable(typeof(AcmeAccount))]
[JsonSerializable(typeof(AcmeAccountUpdate))]
[JsonSerializable(typeof(AcmeNewOrder))]
[JsonSerializable(typeof(AcmeFinalize))]
[JsonSerializable(typeof(AcmeEmpty))]
internal sealed partial class AcmeJson : JsonSerializerContext;
