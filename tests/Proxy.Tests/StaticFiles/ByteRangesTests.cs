using HostPanel.Proxy.StaticFiles;

namespace HostPanel.Proxy.Tests.StaticFiles;

public sealed class ByteRangesTests
{
    [Theory]
    [InlineData("bytes=0-99", 0, 99)]
    [InlineData("bytes=900-", 900, 999)]
    [InlineData("bytes=-100", 900, 999)]
    [InlineData("bytes=990-5000", 990, 999)]
    [InlineData("bytes=-5000", 0, 999)]
    public void Parse_SingleRange_IsClampedToFile(string header, long start, long end)
    {
        Assert.Equal(RangeOutcome.Partial, ByteRanges.Parse(header, 1000, out var ranges));
        Assert.Equal(new ByteRange(start, end), Assert.Single(ranges));
    }

    [Fact]
    public void Parse_SeveralRanges_KeepsRequestOrder()
    {
        Assert.Equal(RangeOutcome.Partial, ByteRanges.Parse("bytes=500-599, 0-9", 1000, out var ranges));
        Assert.Equal([new ByteRange(500, 599), new ByteRange(0, 9)], ranges);
    }

    [Theory]
    [InlineData("bytes=1000-")]
    [InlineData("bytes=5000-6000")]
    [InlineData("bytes=-0")]
    public void Parse_NothingOverlapsFile_IsUnsatisfiable(string header) =>
        Assert.Equal(RangeOutcome.Unsatisfiable, ByteRanges.Parse(header, 1000, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("items=0-5")]
    [InlineData("bytes=abc")]
    [InlineData("bytes=5-1")]
    [InlineData("bytes=0-10,5-20")]
    [InlineData("bytes=0-0,2-2,4-4,6-6,8-8,10-10,12-12,14-14,16-16,18-18,20-20,22-22,24-24,26-26,28-28,30-30,32-32")]
    public void Parse_MalformedOverlappingOrTooMany_FallsBackToFull(string? header) =>
        Assert.Equal(RangeOutcome.Full, ByteRanges.Parse(header, 1000, out _));
}
