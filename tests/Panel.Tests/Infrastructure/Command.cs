using System.Diagnostics;

namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>Short-lived command-line tools the tests read from (<c>openssl</c>, <c>stat</c>).</summary>
public static class Command
{
    /// <summary>Runs <paramref name="file"/> with no input and returns its standard output; killed after 30 s.</summary>
    public static async Task<string> OutputAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
        await error;
        return await output;
    }
}
