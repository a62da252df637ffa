namespace HostPanel.Panel.Data;

/// <summary>The data folder holds the database, keys and logs: created owner-only (0700), never world-readable.</summary>
public static class DataDirectory
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Prepare(string path)
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, OwnerOnlyDirectory);
    }

    /// <summary>An owner-only folder inside the data folder (keys, certificates, logs).</summary>
    public static DirectoryInfo Subfolder(string dataPath, string name)
    {
        var path = Path.Combine(dataPath, name);
        Prepare(path);
        return new DirectoryInfo(path);
    }

    /// <summary>Restricts an existing file to its owner (0600).</summary>
    public static void RestrictFile(string file)
    {
        if (File.Exists(file)) File.SetUnixFileMode(file, OwnerOnlyFile);
    }
}
