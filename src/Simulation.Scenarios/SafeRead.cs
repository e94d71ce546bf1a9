using System.Runtime.InteropServices;

namespace Simulation.Scenarios;

/// <summary>
/// Reads a scenario file's bytes without trusting what the path names: a folder, a device
/// (<c>/dev/zero</c> never ends), a pipe (opening a FIFO waits for a writer forever) or a file
/// over <see cref="ScenarioLimits.MaxFileBytes"/> is refused with a reason, before or while reading.
/// </summary>
internal static class SafeRead
{
    /// <summary>The file's bytes, or null and the reason it cannot be read (in the user's words).</summary>
    public static byte[]? Bytes(string path, out string? problem)
    {
        problem = null;
        try
        {
            if (path.Length == 0)
            {
                problem = "no file given (the path is empty)";
                return null;
            }
            if (Directory.Exists(path))
            {
                problem = "this is a folder, not a scenario file";
                return null;
            }
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                problem = "no such file" + Nearby(path);
                return null;
            }
            if (Kind(path) is { } kind and not "a file")
            {
                problem = $"this is {kind}, not a scenario file; give a .yaml file";
                return null;
            }
            // A device or pipe reports no length; where Kind cannot tell (not Linux), an empty
            // length is never opened, so nothing can block or run on without end.
            if (info.Length == 0)
                return [];
            if (info.Length > ScenarioLimits.MaxFileBytes)
            {
                problem = TooLarge(info.Length);
                return null;
            }
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.SequentialScan);
            // read at most one byte past the limit: a file that grew since, or a device, stops there
            var buffer = new byte[(int)Math.Min(info.Length, ScenarioLimits.MaxFileBytes) + 1];
            int total = 0;
            while (total < buffer.Length)
            {
                int n = stream.Read(buffer, total, buffer.Length - total);
                if (n == 0)
                    break;
                total += n;
            }
            if (total > ScenarioLimits.MaxFileBytes || (total == buffer.Length && stream.ReadByte() >= 0))
            {
                problem = TooLarge(null);
                return null;
            }
            return buffer[..total];
        }
        catch (UnauthorizedAccessException)
        {
            problem = "permission denied: cannot read the file";
        }
        catch (PathTooLongException)
        {
            problem = "the path is too long";
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            problem = ex is FileNotFoundException or DirectoryNotFoundException
                ? "no such file"
                : $"cannot read the file: {Printable.Quote(ex.Message, 120)}";
        }
        return null;
    }

    /// <summary>
    /// " (did you mean `…`?)" for the scenario file a missing path most likely meant: the name with `.yaml`, the name in
    /// `scenarios/` (as `couplesim list` shows it), or the closest `.yaml` name in the path's folder; else nothing.
    /// </summary>
    private static string Nearby(string path)
    {
        try
        {
            string library = ScenarioLibrary.Folder;
            string[] tries = Path.IsPathRooted(path) ? [path + ".yaml"] : [path + ".yaml", Path.Combine(library, path), Path.Combine(library, path + ".yaml")];
            foreach (var candidate in tries)
                if (File.Exists(candidate)) return Text.DidYouMean(candidate);
            string folder = Path.GetDirectoryName(path) ?? "";
            // sorted by name (the same answer on every file system); none if the folder is not there
            var names = ScenarioLibrary.Find(folder.Length == 0 ? "." : folder).Select(f => Path.GetFileName(f));
            return Text.Suggest(Path.GetFileName(path), names) is { } name ? Text.DidYouMean(Path.Combine(folder, name)) : "";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return "";
        }
    }

    private static string TooLarge(long? bytes) =>
        $"the file is {(bytes is { } b ? $"{b / 1024} KiB" : "larger than the limit")}; a scenario file may be at most {ScenarioLimits.MaxFileBytes / 1024} KiB";

    /// <summary>
    /// "a file", "a folder", "a device", "a pipe (FIFO)", "a socket"; null where the system cannot tell.
    /// .NET reports devices and pipes as ordinary files of length 0, so on Linux we ask statx(2),
    /// whose result has the same layout on every architecture.
    /// </summary>
    internal static string? Kind(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            var buffer = new byte[256];
            const int AtFdCwd = -100, StatxType = 0x1;
            if (statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
                return null;
            int mode = BitConverter.ToUInt16(buffer, 28) & 0xF000; // stx_mode at offset 28
            return mode switch
            {
                0x8000 => "a file",
                0x4000 => "a folder",
                0x2000 or 0x6000 => "a device",
                0x1000 => "a pipe (FIFO)",
                0xC000 => "a socket",
                _ => null,
            };
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string pathname, int flags, uint mask, [Out] byte[] statxbuf);
}
