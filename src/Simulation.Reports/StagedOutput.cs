using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;

namespace Simulation.Reports;

/// <summary>The output folder cannot take a run's files; the message is one line for the user.</summary>
public sealed class OutputException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>
/// Writes a run's files so that they appear all together or not at all. They are written into a
/// staging folder <em>inside</em> the target (a writable folder in an unwritable parent works, and
/// nothing is ever left beside it), then each is renamed into place, which replaces a file in one
/// step. Anything that would stop a file being placed (a folder of that name, a file where the
/// target folder should be) is found before the first byte is written. If writing fails, the
/// staging folder goes, and so does the target folder when this call created it. A staging folder
/// left by a process that was killed is removed the next time a run writes into that folder.
/// Takes whatever list of files the writer produces (text or bytes).
/// </summary>
public static class OutputFiles
{
    /// <summary>Staging folders are named <c>.couplesim-staging-PID-GUID</c>; a listing of the output folder can skip them.</summary>
    public const string StagingPrefix = ".couplesim-staging-";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>A text file's bytes: UTF-8 without a byte order mark.</summary>
    public static byte[] Text(string content) => Utf8.GetBytes(content);

    /// <summary>Writes text files (UTF-8 without a byte order mark); returns their full paths in the order given.</summary>
    public static ImmutableArray<string> Commit(string directory, IEnumerable<(string Name, string Content)> files, CancellationToken cancellationToken = default) =>
        Commit(directory, files.Select(f => (f.Name, (ReadOnlyMemory<byte>)Utf8.GetBytes(f.Content))), cancellationToken);

    /// <summary>Writes binary files (e.g. PNG); returns their full paths in the order given.</summary>
    public static ImmutableArray<string> Commit(string directory, IEnumerable<(string Name, byte[] Content)> files, CancellationToken cancellationToken = default) =>
        Commit(directory, files.Select(f => (f.Name, (ReadOnlyMemory<byte>)f.Content)), cancellationToken);

    /// <summary>
    /// Writes files given as bytes; returns their full paths in the order given. A cancellation
    /// (Ctrl+C) is honoured up to the first rename: then nothing is written; after it, all is.
    /// </summary>
    public static ImmutableArray<string> Commit(string directory, IEnumerable<(string Name, ReadOnlyMemory<byte> Content)> files, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string? created = null, staging = null;
        try
        {
            var list = files.ToList(); // a writer that fails while rendering fails here, before anything is made
            string target = Check(directory, list.Select(f => f.Name));
            created = FirstMissing(target);
            Directory.CreateDirectory(target);
            RemoveStale(target);
            staging = Path.Combine(target, $"{StagingPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(staging);
            foreach (var (name, content) in list)
            {
                using var stream = new FileStream(Path.Combine(staging, name), FileMode.CreateNew, FileAccess.Write);
                stream.Write(content.Span);
            }
            // every file is written: from here each rename replaces one file in a single step, and
            // the renames are not interrupted (they take microseconds)
            cancellationToken.ThrowIfCancellationRequested();
            var paths = ImmutableArray.CreateBuilder<string>(list.Count);
            foreach (var (name, _) in list)
            {
                string dest = Path.Combine(target, name);
                File.Move(Path.Combine(staging, name), dest, overwrite: true);
                paths.Add(dest);
            }
            created = null; // the folder now holds the run: keep it
            return paths.MoveToImmutable();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ex is not OutputException)
        {
            throw new OutputException($"cannot write into `{directory}`: {Why(ex)}", ex);
        }
        finally
        {
            TryDelete(staging);
            if (created is not null)
                TryDelete(created);
        }
    }

    /// <summary>Why a folder could not be written, in our words where .NET's name a file we did not ask for
    /// ("Could not find file '/proc/nope'" for a folder that cannot be made there).</summary>
    private static string Why(Exception ex) => ex switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "a folder cannot be made there",
        PathTooLongException => "the path is too long",
        _ => ex.Message,
    };

    /// <summary>
    /// Checks, before a run starts, that <paramref name="directory"/> can take files of these names:
    /// it is not empty, neither it nor a folder above it is a file, and no folder has the name of one
    /// of the files. Returns the full path. Throws <see cref="OutputException"/> otherwise.
    /// </summary>
    public static string Check(string directory, IEnumerable<string> names)
    {
        if (string.IsNullOrWhiteSpace(directory))
            throw new OutputException("the output folder is empty; give one, e.g. `--out out/mine`");
        string target;
        try
        {
            target = Path.GetFullPath(directory);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new OutputException($"`{directory}` is not a usable folder name");
        }
        for (var d = new DirectoryInfo(target); d is not null; d = d.Parent)
        {
            if (File.Exists(d.FullName))
                throw new OutputException(d.FullName == target
                    ? $"`{directory}` is a file, not a folder"
                    : $"cannot write into `{directory}`: `{d.FullName}` is a file");
            if (d.Exists)
                break;
        }
        foreach (var name in names)
        {
            if (name.Length == 0 || name != Path.GetFileName(name) || name is "." or ".." || name.StartsWith(StagingPrefix, StringComparison.Ordinal))
                throw new ArgumentException($"not a plain file name: `{name}`", nameof(names));
            if (Directory.Exists(Path.Combine(target, name)))
                throw new OutputException($"cannot write `{name}` into `{directory}`: a folder of that name is in the way");
        }
        return target;
    }

    /// <summary>The outermost folder of <paramref name="target"/> that does not exist yet (null when it exists).</summary>
    private static string? FirstMissing(string target)
    {
        string? missing = null;
        for (var d = new DirectoryInfo(target); d is not null && !d.Exists; d = d.Parent)
            missing = d.FullName;
        return missing;
    }

    /// <summary>Staging folders of processes that are gone (killed mid-write).</summary>
    private static void RemoveStale(string target)
    {
        foreach (var dir in Directory.EnumerateDirectories(target, StagingPrefix + "*"))
        {
            var rest = Path.GetFileName(dir)[StagingPrefix.Length..];
            int dash = rest.IndexOf('-');
            if (dash > 0 && int.TryParse(rest[..dash], out int pid) && pid != Environment.ProcessId && !IsRunning(pid))
                TryDelete(dir);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string? dir)
    {
        if (dir is null)
            return;
        try
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // best effort: a left-over staging folder is removed by the next run into this folder
        }
    }
}
