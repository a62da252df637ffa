using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HostPanel.Panel.Deployments;

/// <summary>
/// One version of an app started by HostPanel in a blue-green slot: <c>/bin/sh -c "exec command"</c> with <c>PORT</c>
/// set to the slot's port, stdout and stderr kept as the last lines of output, stopped with SIGTERM and, after a
/// grace period, SIGKILL.
/// </summary>
public sealed partial class SlotProcess : IAsyncDisposable
{
    private const int KeptLines = 500;
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private SlotProcess(Process process, string version, string command)
    {
        _process = process;
        Version = version;
        Command = command;
    }

    public string Version { get; }
    public string Command { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Called with every line the process writes.</summary>
    public event Action<string>? Output;

    public static SlotProcess Start(string command, string? workingDirectory, int port, string version, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "exec " + command },
            WorkingDirectory = workingDirectory ?? "",
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["HOSTPANEL_VERSION"] = version;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var slot = new SlotProcess(process, version, command);
        process.OutputDataReceived += (_, e) => slot.Append(e.Data);
        process.ErrorDataReceived += (_, e) => slot.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return slot;
    }

    /// <summary>The last lines of output, oldest first.</summary>
    public IReadOnlyList<string> Tail()
    {
        lock (_output) return _output.ToArray();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptLines) _output.Dequeue();
        }
        Output?.Invoke(line);
    }

    /// <summary>SIGTERM, then SIGKILL if the process is still there after the grace period.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        _ = Kill(_process.Id, SigTerm);
        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
