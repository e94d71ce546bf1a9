using System.Collections.Immutable;

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

    /// <summary>Renders and writes the five files into <paramref name="directory"/>, all or none (see <see cref="OutputFiles"/>); returns their full paths.</summary>
    public static ImmutableArray<string> WriteRun(RunReport report, string directory, CancellationToken cancellationToken = default) =>
        OutputFiles.Commit(directory, Render(report), cancellationToken);
}
