using System.Collections.Immutable;
using System.Text;
using Simulation.Reports.Charts;

namespace Simulation.Reports;

/// <summary>Writes a run's six files: timeline.csv, events.csv, run.json, closeness.svg, closeness.png, report.html.</summary>
public static class ReportWriter
{
    public const string TimelineFile = "timeline.csv";
    public const string EventsFile = "events.csv";
    public const string RunFile = "run.json";
    public const string ChartFile = "closeness.svg";
    public const string ImageFile = "closeness.png";
    public const string ReportFile = "report.html";

    /// <summary>The files in the order they are written.</summary>
    public static ImmutableArray<string> FileNames { get; } = [TimelineFile, EventsFile, RunFile, ChartFile, ImageFile, ReportFile];

    /// <summary>The six files' contents by name, rendered in memory; the charts at <paramref name="size"/> (1920×1080 by default).</summary>
    public static ImmutableArray<(string Name, byte[] Content)> Render(RunReport report, ChartSize? size = null)
    {
        var (svg, png) = ClosenessChart.Render(report.Run, report.Scenario.Title, size ?? ChartSize.Default);
        return
        [
            (TimelineFile, OutputFiles.Text(CsvWriters.Timeline(report.Run))),
            (EventsFile, OutputFiles.Text(CsvWriters.Events(report.Run))),
            (RunFile, OutputFiles.Text(RunJson.Write(report))),
            (ChartFile, OutputFiles.Text(svg)),
            (ImageFile, png),
            (ReportFile, OutputFiles.Text(HtmlReport.Write(report, svg))),
        ];
    }

    /// <summary>Renders and writes the six files into <paramref name="directory"/>; returns their full paths.</summary>
    public static ImmutableArray<string> WriteRun(RunReport report, string directory, ChartSize? size = null) => OutputFiles.Commit(directory, Render(report, size));
}

/// <summary>
/// Writes a set of files so that a failure leaves nothing half-written: everything goes into a
/// fresh temporary directory beside the target first and is moved into place only when all is written.
/// </summary>
public static class OutputFiles
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>A text file's bytes: UTF-8 without a byte order mark.</summary>
    public static byte[] Text(string content) => Utf8.GetBytes(content);

    public static ImmutableArray<string> Commit(string directory, IEnumerable<(string Name, byte[] Content)> files)
    {
        string target = Path.GetFullPath(directory);
        string parent = Path.GetDirectoryName(target.TrimEnd(Path.DirectorySeparatorChar)) ?? target;
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, $".{Path.GetFileName(target.TrimEnd(Path.DirectorySeparatorChar))}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var names = new List<string>();
            foreach (var (name, content) in files)
            {
                File.WriteAllBytes(Path.Combine(staging, name), content);
                names.Add(name);
            }
            Directory.CreateDirectory(target);
            var paths = ImmutableArray.CreateBuilder<string>();
            foreach (var name in names)
            {
                string dest = Path.Combine(target, name);
                File.Move(Path.Combine(staging, name), dest, overwrite: true);
                paths.Add(dest);
            }
            return paths.ToImmutable();
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }
}
