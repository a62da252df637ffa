using HostPanel.Panel.Tests.Infrastructure;

namespace HostPanel.Panel.Tests.Panel;

/// <summary>
/// HostPanel started from any working directory (a service manager's is often <c>/</c>) leaves that directory alone:
/// no file watches on its tree, which from <c>/</c> would be tens of thousands of inotify watches.
/// </summary>
public sealed class WorkingDirectoryTests
{
    [Fact]
    public async Task Executable_DoesNotWatchItsWorkingDirectoryTree()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("hostpanel-cwd-").FullName;
        try
        {
            var folders = new List<string> { workingDirectory };
            for (var i = 0; i < 5; i++) folders.Add(Directory.CreateDirectory(Path.Combine(workingDirectory, $"site-{i}", "public")).FullName);
            await using var hostPanel = await HostPanelProcess.StartReadyAsync(workingDirectory);

            var watched = WatchedInodes(hostPanel.ProcessId);

            Assert.NotEmpty(watched); // the panel's own settings file is watched: the reading below works
            var inodes = (await Command.OutputAsync("stat", ["-c", "%i", .. folders]))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(inode => long.Parse(inode).ToString("x"));
            Assert.DoesNotContain(inodes, watched.Contains);
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    /// <summary>The inode numbers (hexadecimal, as the kernel lists them) of every inotify watch the process holds.</summary>
    private static HashSet<string> WatchedInodes(int pid)
    {
        var inodes = new HashSet<string>();
        foreach (var info in Directory.EnumerateFiles($"/proc/{pid}/fdinfo"))
        {
            string[] lines;
            try { lines = File.ReadAllLines(info); }
            catch (IOException) { continue; } // the descriptor was closed meanwhile
            foreach (var line in lines.Where(l => l.StartsWith("inotify ", StringComparison.Ordinal)))
            {
                var field = line.Split(' ').First(f => f.StartsWith("ino:", StringComparison.Ordinal));
                inodes.Add(field["ino:".Length..]);
            }
        }
        return inodes;
    }
}
