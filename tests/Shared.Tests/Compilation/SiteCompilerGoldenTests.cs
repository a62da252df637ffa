using System.Text.Encodings.Web;
using System.Text.Json;
using HostPanel.Shared.Compilation;
using HostPanel.Shared.Sites;
using HostPanel.Shared.Validation;

namespace HostPanel.Shared.Tests.Compilation;

/// <summary>
/// Golden-file tests of the compiler: each <c>Golden/*.site.json</c> compiles to exactly <c>Golden/*.compiled.json</c>.
/// Run with <c>UPDATE_GOLDEN=1</c> to rewrite the expected files in the source tree, then review the diff.
/// </summary>
public class SiteCompilerGoldenTests
{
    private const string InputSuffix = ".site.json";
    private const string ExpectedSuffix = ".compiled.json";

    private static readonly JsonSerializerOptions GoldenOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    private static string OutputGoldenDirectory => Path.Combine(AppContext.BaseDirectory, "Golden");

    public static TheoryData<string> Inputs
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in Directory.EnumerateFiles(OutputGoldenDirectory, "*" + InputSuffix).Order(StringComparer.Ordinal))
                data.Add(Path.GetFileName(file)[..^InputSuffix.Length]);
            return data;
        }
    }

    [Fact]
    public void GoldenInputs_Folder_HasAtLeastFourCases() =>
        Assert.True(Inputs.Count >= 4, $"expected at least 4 *{InputSuffix} files in {OutputGoldenDirectory}");

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Compile_GoldenInput_MatchesExpectedFile(string name)
    {
        var site = SiteJson.Parse(File.ReadAllText(Path.Combine(OutputGoldenDirectory, name + InputSuffix)));
        var actual = JsonSerializer.Serialize(SiteCompiler.Compile(site), GoldenOptions).ReplaceLineEndings("\n") + "\n";

        if (Updating)
        {
            var target = Path.Combine(SourceGoldenDirectory(), name + ExpectedSuffix);
            File.WriteAllText(target, actual);
            Assert.Equal(actual, File.ReadAllText(target));
            return;
        }

        var expectedPath = Path.Combine(OutputGoldenDirectory, name + ExpectedSuffix);
        Assert.True(File.Exists(expectedPath), $"{name}{ExpectedSuffix} is missing; run the tests once with UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Validate_GoldenInput_HasNoErrorsButMissingDirectories(string name)
    {
        // Golden inputs use document roots under /tmp that need not exist; everything else must be a valid document.
        var site = SiteJson.Parse(File.ReadAllText(Path.Combine(OutputGoldenDirectory, name + InputSuffix)));

        var result = SiteValidator.Validate(site, SiteValidationContext.Empty);

        Assert.All(result.Errors, issue => Assert.Contains("does not exist", issue.Message, StringComparison.Ordinal));
    }

    private static string SourceGoldenDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HostPanel.Shared.Tests.csproj")))
                return Path.Combine(dir.FullName, "Golden");
        throw new DirectoryNotFoundException($"HostPanel.Shared.Tests.csproj not found above {AppContext.BaseDirectory}.");
    }
}
