using System.Text;
using HostPanel.Proxy.Logging;

namespace HostPanel.Proxy.Tests.Logging;

public sealed class LogFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hostpanel-logfile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] Line(int number) => Encoding.ASCII.GetBytes($"line {number:D4}\n"); // 10 bytes

    [Fact]
    public void Append_BeyondMaxBytes_RotatesAndKeepsNewestFiles()
    {
        var path = Path.Combine(_directory, "site.access.log");
        using (var log = new LogFile(path, maxBytes: 50, keep: 2))
        {
            for (var i = 0; i < 17; i++) log.Append(Line(i));
            log.Flush();
        }

        // 5 lines fit in 50 bytes: lines 15-16 are current, 10-14 in .1, 5-9 in .2, and 0-4 were dropped.
        Assert.Equal("line 0015\nline 0016\n", File.ReadAllText(path));
        Assert.Equal(string.Concat(Enumerable.Range(10, 5).Select(i => $"line {i:D4}\n")), File.ReadAllText(path + ".1"));
        Assert.Equal(string.Concat(Enumerable.Range(5, 5).Select(i => $"line {i:D4}\n")), File.ReadAllText(path + ".2"));
        Assert.False(File.Exists(path + ".3"));
    }

    [Fact]
    public void Append_ToExistingFile_CountsWhatIsAlreadyThere()
    {
        var path = Path.Combine(_directory, "site.error.log");
        File.WriteAllText(path, "0123456789012345678901234567890123456789"); // 40 bytes from an earlier run
        using (var log = new LogFile(path, maxBytes: 50, keep: 1))
        {
            log.Append(Line(1)); // 50 bytes: still fits
            log.Append(Line(2)); // would be 60: rotates first
            log.Flush();
        }

        Assert.Equal("line 0002\n", File.ReadAllText(path));
        Assert.EndsWith("line 0001\n", File.ReadAllText(path + ".1"));
    }
}
