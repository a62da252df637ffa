using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HostPanel.Shared.Validation;

/// <summary>The JSON field names each section of the site document knows, and "did you mean" suggestions for typos.</summary>
internal static class FieldNames
{
    private static readonly ConcurrentDictionary<Type, string[]> Known = new();

    /// <summary>The camelCase JSON names of the serialized properties of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> Of<T>() => Known.GetOrAdd(typeof(T), static type => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.GetCustomAttribute<JsonExtensionDataAttribute>() is null)
        .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name))
        .ToArray());

    /// <summary>"unknown field; did you mean ...?" when a known field is within two edits, else the list of known fields.</summary>
    public static string UnknownFieldMessage<T>(string field)
    {
        var known = Of<T>();
        var closest = Closest(field, known);
        return closest is not null
            ? $"unknown field; did you mean \"{closest}\"?"
            : $"unknown field; remove it or use one of the fields allowed here: {string.Join(", ", known)}.";
    }

    /// <summary>The known name nearest to <paramref name="field"/> (case-insensitive edit distance at most 2), or null.</summary>
    public static string? Closest(string field, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(field.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance) (best, bestDistance) = (candidate, distance);
        }
        // A two-letter typo in a three-letter name is a different word, so short names allow fewer edits.
        var limit = Math.Min(2, Math.Max(1, field.Length / 3));
        return bestDistance <= limit ? best : null;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64) return int.MaxValue;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
