using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HostPanel.Panel.Certificates.Acme;

/// <summary>
/// Signs ACME requests as flattened JWS (RFC 7515, RFC 8555 §6.2) with the account's ECDSA P-256 key (ES256),
/// and derives the key's JWK thumbprint (RFC 7638) used in HTTP-01 key authorizations.
/// </summary>
public sealed class AcmeSigner
{
    private readonly ECDsa _key;
    private readonly string _x;
    private readonly string _y;

    public AcmeSigner(ECDsa key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        if (key.KeySize != 256 || parameters.Q.X is not { Length: 32 } || parameters.Q.Y is not { Length: 32 })
            throw new ArgumentException("The ACME account key must be an ECDSA P-256 key.", nameof(key));
        _key = key;
        _x = Base64Url.EncodeToString(parameters.Q.X!);
        _y = Base64Url.EncodeToString(parameters.Q.Y!);
        // RFC 7638: the required members only, in lexicographic order, no whitespace.
        Thumbprint = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($$"""{"crv":"P-256","kty":"EC","x":"{{_x}}","y":"{{_y}}"}""")));
    }

    /// <summary>base64url SHA-256 JWK thumbprint of the account key.</summary>
    public string Thumbprint { get; }

    /// <summary>RFC 8555 §8.1: <c>token || '.' || base64url(thumbprint)</c>.</summary>
    public string KeyAuthorization(string token) => $"{token}.{Thumbprint}";

    /// <summary>
    /// The JWS body for one request. With <paramref name="accountUrl"/> the header names the account (<c>kid</c>);
    /// without, it carries the public key (<c>jwk</c>), as newAccount requires. A null payload is POST-as-GET.
    /// </summary>
    public byte[] Sign(Uri url, string nonce, string? accountUrl, byte[]? payload)
    {
        var header = ProtectedHeader(url, nonce, accountUrl);
        var encodedHeader = Base64Url.EncodeToString(header);
        var encodedPayload = payload is null ? "" : Base64Url.EncodeToString(payload);
        var signature = _key.SignData(Encoding.ASCII.GetBytes($"{encodedHeader}.{encodedPayload}"), HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("protected", encodedHeader);
            json.WriteString("payload", encodedPayload);
            json.WriteString("signature", Base64Url.EncodeToString(signature));
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private byte[] ProtectedHeader(Uri url, string nonce, string? accountUrl)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("alg", "ES256");
            if (accountUrl is not null)
            {
                json.WriteString("kid", accountUrl);
            }
            else
            {
                json.WriteStartObject("jwk");
                json.WriteString("crv", "P-256");
                json.WriteString("kty", "EC");
                json.WriteString("x", _x);
                json.WriteString("y", _y);
                json.WriteEndObject();
            }
            json.WriteString("nonce", nonce);
            json.WriteString("url", url.AbsoluteUri);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
