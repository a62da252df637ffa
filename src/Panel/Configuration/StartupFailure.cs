using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace HostPanel.Panel.Configuration;

/// <summary>
/// What HostPanel prints when it cannot start, instead of an unhandled exception (which ends the process with SIGABRT
/// and a stack trace): the last line always says what went wrong. A port held by another program, the usual case when
/// HostPanel replaces a web server on the same machine, also names the settings that choose the ports.
/// </summary>
public static class StartupFailure
{
    /// <summary>The message for <paramref name="error"/>, ending in one line that starts with "HostPanel could not start:".</summary>
    public static string Describe(Exception error)
    {
        error = Unwrap(error);
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is IOException { InnerException: AddressInUseException })
                return $"HostPanel could not start: {e.Message} Another program (a web server, or another HostPanel) " +
                       "listens there: stop it, or choose free ports with HostPanel:Panel:Url, HostPanel:Proxy:HttpPort and HostPanel:Proxy:HttpsPort.";
        }
        var line = $"HostPanel could not start: {error.Message}";
        // Settings and file-system problems are explained by their message; anything else keeps its stack for a report.
        return error is InvalidOperationException or OptionsValidationException or IOException or UnauthorizedAccessException
            ? line
            : $"{error}{Environment.NewLine}{line}";
    }

    private static Exception Unwrap(Exception error) =>
        error is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : error;
}
