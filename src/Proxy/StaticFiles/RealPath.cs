using System.Runtime.InteropServices;

namespace HostPanel.Proxy.StaticFiles;

/// <summary>
/// <c>realpath(3)</c>: the canonical path with every symbolic link resolved, or null when the path does not exist.
/// .NET resolves only the last component's link; a link anywhere in the path must be caught to keep files inside
/// their root.
/// </summary>
internal static class RealPath
{
    public static string? Of(string path)
    {
        var resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero) return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    [DllImport("libc", EntryPoint = "realpath")]
    private static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void free(IntPtr pointer);
}
