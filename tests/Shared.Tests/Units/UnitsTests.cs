using HostPanel.Shared.Units;

namespace HostPanel.Shared.Tests.Units;

public class UnitsTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("10", 10_000)]
    [InlineData("0", 0)]
    [InlineData("5m", 300_000)]
    [InlineData("24h", 86_400_000)]
    [InlineData("30d", 2_592_000_000)]
    [InlineData("1w", 604_800_000)]
    [InlineData("1M", 2_592_000_000)]
    [InlineData("1y", 31_536_000_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1h 30m", 5_400_000)]
    [InlineData(" 10s ", 10_000)]
    [InlineData("3650d", 315_360_000_000)]
    public void NginxDurationTryParse_ValidValue_ReturnsMilliseconds(string text, long milliseconds)
    {
        Assert.True(NginxDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("s")]
    [InlineData("10x")]
    [InlineData("10S")]
    [InlineData("-5s")]
    [InlineData("1.5s")]
    [InlineData("10 s")]
    [InlineData("30 days")]
    [InlineData("3651d")]
    [InlineData("1000000000000s")]
    [InlineData("999999999999y")]
    [InlineData("999999999999w")]
    public void NginxDurationTryParse_InvalidValue_ReturnsFalse(string? text)
    {
        Assert.False(NginxDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.Zero, value);
    }

    [Fact]
    public void NginxDurationParseOr_Null_ReturnsFallback() =>
        Assert.Equal(TimeSpan.FromSeconds(7), NginxDuration.ParseOr(null, TimeSpan.FromSeconds(7)));

    [Fact]
    public void NginxDurationParseOr_Valid_ReturnsValue() =>
        Assert.Equal(TimeSpan.FromMinutes(2), NginxDuration.ParseOr("2m", TimeSpan.FromSeconds(7)));

    [Fact]
    public void NginxDurationParseOr_Invalid_ThrowsFormatExceptionWithHelp()
    {
        var error = Assert.Throws<FormatException>(() => NginxDuration.ParseOr("soon", TimeSpan.Zero));
        Assert.Contains(NginxDuration.Help, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("512", 512L)]
    [InlineData("512k", 524_288L)]
    [InlineData("512K", 524_288L)]
    [InlineData("10m", 10_485_760L)]
    [InlineData("10M", 10_485_760L)]
    [InlineData("1g", 1_073_741_824L)]
    [InlineData(" 1m ", 1_048_576L)]
    [InlineData("999999999999m", 999_999_999_999L << 20)]
    public void NginxSizeTryParse_ValidValue_ReturnsBytes(string text, long bytes)
    {
        Assert.True(NginxSize.TryParse(text, out var value));
        Assert.Equal(bytes, value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("k")]
    [InlineData("10mb")]
    [InlineData("10 MB")]
    [InlineData("-1")]
    [InlineData("1.5m")]
    [InlineData("10t")]
    [InlineData("1000000000000")]
    [InlineData("999999999999g")]
    public void NginxSizeTryParse_InvalidValue_ReturnsFalse(string? text)
    {
        Assert.False(NginxSize.TryParse(text, out var value));
        Assert.Equal(0, value);
    }

    [Fact]
    public void NginxSizeParseOrNull_NullOrValid_ReturnsNullOrBytes()
    {
        Assert.Null(NginxSize.ParseOrNull(null));
        Assert.Equal(2048, NginxSize.ParseOrNull("2k"));
    }

    [Fact]
    public void NginxSizeParseOrNull_Invalid_ThrowsFormatExceptionWithHelp()
    {
        var error = Assert.Throws<FormatException>(() => NginxSize.ParseOrNull("big"));
        Assert.Contains(NginxSize.Help, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10r/s", 10.0)]
    [InlineData("1r/s", 1.0)]
    [InlineData("600r/m", 10.0)]
    [InlineData("30r/m", 0.5)]
    [InlineData(" 5r/s ", 5.0)]
    public void RequestRateTryParse_ValidValue_ReturnsPerSecond(string text, double perSecond)
    {
        Assert.True(RequestRate.TryParse(text, out var value));
        Assert.Equal(perSecond, value, 9);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("r/s")]
    [InlineData("0r/s")]
    [InlineData("10r/h")]
    [InlineData("10/s")]
    [InlineData("10 r/s")]
    [InlineData("-1r/s")]
    [InlineData("1.5r/s")]
    [InlineData("10R/S")]
    [InlineData("1234567890r/s")]
    public void RequestRateTryParse_InvalidValue_ReturnsFalse(string? text)
    {
        Assert.False(RequestRate.TryParse(text, out var value));
        Assert.Equal(0, value);
    }
}
