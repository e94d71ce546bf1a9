using System.Collections.Immutable;
using System.Text;

namespace Simulation.Reports;

/// <summary>Writes a run's five files: timeline.csv, events.csv, run.json, closeness.svg, report.html.</summary>
public static class ReportWriter
{
    public const string TimelineFile = "timeline.csv";
    public const string EventsFile = "events.csv";
    public const string RunFile = "run.json";
    public const string ChartFile = "closeness.svg";
    public const string ReportFile = "report.html";

    /// <summary>The files in the order they are written.</summary>
    public static ImmutableArray<string> FileNames { get; } = [TimelineFile, EventsFile, RunFile, ChartFile, ReportFile];

    /// <summary>The five files' contents by name, rendered in memory.</summary>
    public static ImmutableArray<(string Name, string Content)> Render(RunReport report)
    {
        string svg = ClosenessChart.Svg(report.Run, report.Scenario.Title);
        return
        [
            (TimelineFile, CsvWriters.Timeline(report.Run)),
            (EventsFile, CsvWriters.Events(report.Run)),
            (RunFile, RunJson.Write(report)),
            (ChartFile, svg),
            (ReportFile, HtmlReport.Write(report, svg)),
        ];
    }

    /// <summary>Renders and writes the five files into <paramref name="directory"/>; returns their full paths.</summary>
    public static ImmutableArray<string> WriteRun(RunReport report, string directory) => OutputFiles.Commit(directory, Render(report));
}

/// <summary>
/// Writes a set of files so that a failure leaves nothing half-written: everything goes into a
/// fresh temporary directory beside the target first and is moved into place only when all is written.
/// </summary>
public static class OutputFiles
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static ImmutableArray<string> Commit(string directory, IEnumerable<(string Name, string Content)> files)
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
                File.WriteAllText(Path.Combine(staging, name), content, Utf8);
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
