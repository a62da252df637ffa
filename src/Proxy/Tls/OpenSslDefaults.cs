using System.Runtime.InteropServices;

namespace HostPanel.Proxy.Tls;

/// <summary>
/// Points OpenSSL at HostPanel's own configuration (<c>hostpanel-openssl.cnf</c> beside the executable) before
/// anything loads it, unless <c>OPENSSL_CONF</c> is already set: TLS 1.2 and 1.3 only, and TLS 1.2 limited to
/// forward-secret AEAD suites. The suites are limited there rather than by a <c>CipherSuitesPolicy</c> on the server
/// options because .NET builds a new OpenSSL context for every handshake of options that carry one: no session
/// resumption, and new HTTPS connections took 1.7 times as long (docs/benchmarks.md).
/// </summary>
public static partial class OpenSslDefaults
{
    /// <summary>The variable OpenSSL reads its configuration file from.</summary>
    public const string Variable = "OPENSSL_CONF";

    /// <summary>The configuration file shipped beside the executable.</summary>
    public const string FileName = "hostpanel-openssl.cnf";

    /// <summary>Sets <see cref="Variable"/> for this process unless the environment already does; call before any TLS or cryptography.</summary>
    public static void ApplyUnlessConfigured()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not null) return;
        var file = Path.Combine(AppContext.BaseDirectory, FileName);
        if (!File.Exists(file)) return;
        // OpenSSL reads the process environment with getenv(3); .NET's SetEnvironmentVariable changes only its own copy.
        if (setenv(Variable, file, 0) == 0) Environment.SetEnvironmentVariable(Variable, file);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
