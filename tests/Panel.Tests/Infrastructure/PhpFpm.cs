using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HostPanel.Panel.Tests.Infrastructure;

/// <summary>
/// A real PHP-FPM 8.2 master in the foreground (<c>php-fpm8.2 -F</c>) with its own config, socket (unix, or TCP on
/// 127.0.0.1) and log in a temporary folder. Disposal kills it and its workers by PID.
/// </summary>
public sealed class PhpFpm : IAsyncDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private PhpFpm(Process process, string directory, string socketPath, int? tcpPort)
    {
        _process = process;
        Directory = directory;
        SocketPath = socketPath;
        TcpPort = tcpPort;
    }

    /// <summary>PHP-FPM's workers (<c>pm = static</c>): at most this many requests run at once.</summary>
    public const int Workers = 4;

    public string Directory { get; }
    public string SocketPath { get; }
    public int? TcpPort { get; }

    /// <summary>The value of a php backend's <c>socket</c> field.</summary>
    public string Listen => TcpPort is { } port ? $"127.0.0.1:{port}" : SocketPath;
    public int Pid => _process.Id;

    /// <summary>Starts PHP-FPM on a unix socket, or on 127.0.0.1:<paramref name="tcpPort"/> when given.</summary>
    public static async Task<PhpFpm> StartAsync(int? tcpPort = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("hostpanel-fpm-").FullName;
        var socket = Path.Combine(directory, "php-fpm.sock");
        var config = Path.Combine(directory, "php-fpm.conf");
        var asRoot = Environment.UserName == "root";
        await File.WriteAllTextAsync(config, $"""
            [global]
            pid = {directory}/php-fpm.pid
            error_log = {directory}/php-fpm.log
            daemonize = no

            [www]
            {(asRoot ? "user = root\ngroup = root" : "")}
            listen = {(tcpPort is { } port ? $"127.0.0.1:{port}" : socket)}
            listen.mode = 0666
            pm = static
            pm.max_children = {Workers}
            catch_workers_output = yes
            php_admin_value[upload_max_filesize] = 16M
            php_admin_value[post_max_size] = 16M
            php_admin_value[output_buffering] = 0
            php_admin_flag[log_errors] = on
            """);
        var start = new ProcessStartInfo("php-fpm8.2", asRoot ? ["-F", "-R", "-y", config] : ["-F", "-y", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("php-fpm8.2 did not start; tests/run.sh installs php8.2-fpm.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var fpm = new PhpFpm(process, directory, socket, tcpPort);
        await fpm.WaitUntilListeningAsync();
        return fpm;
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"php-fpm8.2 exited with {_process.ExitCode}: {ReadLog()}");
            try
            {
                using var probe = TcpPort is null
                    ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                    : new Socket(SocketType.Stream, ProtocolType.Tcp);
                await probe.ConnectAsync(TcpPort is { } port ? new IPEndPoint(IPAddress.Loopback, port) : new UnixDomainSocketEndPoint(SocketPath));
                return;
            }
            catch (SocketException) { }
            await Task.Delay(20);
        }
        throw new TimeoutException($"php-fpm8.2 did not listen on {Listen} within 15 s: {ReadLog()}");
    }

    private string ReadLog()
    {
        var log = Path.Combine(Directory, "php-fpm.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
