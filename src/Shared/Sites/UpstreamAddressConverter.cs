using System.Text.Json;
using System.Text.Json.Serialization;

namespace HostPanel.Shared.Sites;

/// <summary>Reads an upstream as a bare <c>"host:port"</c> string or as an object, and writes it back the same way.</summary>
internal sealed class UpstreamAddressConverter : JsonConverter<UpstreamAddress>
{
    public override UpstreamAddress? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return new UpstreamAddress { Address = reader.GetString(), IsShortForm = true };
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("An upstream is a \"host:port\" string or an object { \"address\": \"host:port\", \"weight\": 1 }.");

        string? address = null;
        int? weight = null;
        Dictionary<string, JsonElement>? unknown = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString()!;
            reader.Read();
            // Match the rest of the document: the web options read "Address" like "address".
            var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (property.Equals("address", comparison))
                address = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            else if (property.Equals("weight", comparison))
                weight = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32();
            else
                (unknown ??= [])[property] = JsonElement.ParseValue(ref reader);
        }
        return new UpstreamAddress { Address = address, Weight = weight, Unknown = unknown };
    }

    public override void Write(Utf8JsonWriter writer, UpstreamAddress value, JsonSerializerOptions options)
    {
        if (value.IsShortForm && value.Weight is null && value.Unknown is null)
        {
            writer.WriteStringValue(value.Address);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("address", value.Address);
        if (value.Weight is { } weight) writer.WriteNumber("weight", weight);
        writer.WriteEndObject();
    }
}
