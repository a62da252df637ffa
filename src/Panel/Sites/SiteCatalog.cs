using System.Collections.Immutable;

namespace HostPanel.Panel.Sites;

/// <summary>
/// The stored sites with the indexes validation needs (names, domain owners), immutable and swapped as one, so a
/// reader never sees a site without its domains. Each change costs O(log n), never a rebuild of the indexes.
/// </summary>
public sealed class SiteCatalog
{
    private SiteCatalog(ImmutableSortedDictionary<string, StoredSite> sites, ImmutableDictionary<string, string> domainOwners, ImmutableHashSet<string> names)
    {
        Sites = sites;
        DomainOwners = domainOwners;
        Names = names;
    }

    public static SiteCatalog Empty { get; } = new(
        ImmutableSortedDictionary<string, StoredSite>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal));

    public ImmutableSortedDictionary<string, StoredSite> Sites { get; }

    /// <summary>Normalized domain to the name of the site that has it.</summary>
    public ImmutableDictionary<string, string> DomainOwners { get; }

    public ImmutableHashSet<string> Names { get; }

    /// <summary>Adds or replaces a site.</summary>
    public SiteCatalog With(StoredSite site)
    {
        var catalog = Sites.ContainsKey(site.Name) ? Without(site.Name) : this;
        return new SiteCatalog(
            catalog.Sites.SetItem(site.Name, site),
            catalog.DomainOwners.SetItems(site.Domains.Select(d => KeyValuePair.Create(d, site.Name))),
            catalog.Names.Add(site.Name));
    }

    public SiteCatalog Without(string name) => Sites.TryGetValue(name, out var site)
        ? new SiteCatalog(Sites.Remove(name), DomainOwners.RemoveRange(site.Domains), Names.Remove(name))
        : this;
}
