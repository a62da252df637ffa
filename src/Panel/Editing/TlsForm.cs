using System.Text.Json;
using HostPanel.Shared.Sites;

namespace HostPanel.Panel.Editing;

/// <summary>Editable form of the <c>tls</c> block.</summary>
public sealed class TlsForm
{
    public string Mode { get; set; } = "off";
    public string Certificate { get; set; } = "acme";
    public string Hsts { get; set; } = "";
    public bool Http2 { get; set; } = true;
    private Dictionary<string, JsonElement>? _unknown;

    public static TlsForm From(TlsConfig? tls) => tls is null ? new TlsForm() : new TlsForm
    {
        Mode = tls.Mode ?? "off",
        Certificate = tls.Certificate ?? (tls.Mode is null or "off" ? "none" : "acme"),
        Hsts = tls.Hsts is { ValueKind: JsonValueKind.Number or JsonValueKind.String } hsts
            ? hsts.ValueKind == JsonValueKind.String ? hsts.GetString() ?? "" : hsts.GetRawText()
            : "",
        Http2 = tls.Http2 ?? true,
        _unknown = tls.Unknown,
    };

    /// <summary>The block, or null for plain HTTP with nothing else set.</summary>
    public TlsConfig? ToConfig()
    {
        var hsts = FormText.OrNull(Hsts);
        if (Mode == "off" && hsts is null && Http2 && _unknown is null) return null;
        return new TlsConfig
        {
            Mode = Mode,
            Certificate = Mode == "off" ? null : Certificate,
            // Digits become a JSON number; anything else stays a string so the validator can say what is wrong with it.
            Hsts = hsts is null ? null
                : hsts.All(char.IsAsciiDigit) && hsts.Length <= 18 ? JsonSerializer.SerializeToElement(long.Parse(hsts, System.Globalization.CultureInfo.InvariantCulture))
                : JsonSerializer.SerializeToElement(hsts),
            Http2 = Http2 ? null : false,
            Unknown = _unknown,
        };
    }
}
