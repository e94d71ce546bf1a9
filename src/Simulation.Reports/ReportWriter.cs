using System.Collections.Immutable;
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
        var (svg, png) = ClosenessChart.Render(report.Run, report.Title, size ?? ChartSize.Default);
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

    /// <summary>Renders and writes the six files into <paramref name="directory"/>, all or none (see <see cref="OutputFiles"/>); returns their full paths.</summary>
    public static ImmutableArray<string> WriteRun(RunReport report, string directory, ChartSize? size = null, CancellationToken cancellationToken = default) =>
        OutputFiles.Commit(directory, Render(report, size), cancellationToken);
}
