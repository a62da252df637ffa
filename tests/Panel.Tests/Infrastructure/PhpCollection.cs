namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>
/// The PHP test classes share one <see cref="PhpSiteFixture"/> and run alone (no other test class in parallel), so
/// process-wide measurements such as allocated bytes see only their own requests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PhpCollection : ICollectionFixture<PhpSiteFixture>
{
    public const string Name = "php-fpm";
}
