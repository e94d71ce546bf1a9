using BenchmarkDotNet.Attributes;
using Simulation.Model;
using Simulation.Reports;
using Simulation.Reports.Charts;
using Simulation.Scenarios;

namespace Simulation.Benchmarks;

/// <summary>
/// The charts a run writes (closeness.svg and closeness.png, 1920×1080) for the library's Alma and
/// Will scenario, on runs made once by the direct runner. One operation draws one chart both ways,
/// or renders all six files of a run. Uses only the model, the scenarios and the reports.
/// </summary>
[MemoryDiagnoser]
public class ChartBenchmarks
{
    private RunResult _fourWeeks = null!, _year = null!;
    private RunReport _report = null!;
    private string _title = "";

    [GlobalSetup]
    public void Setup()
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Root(), "scenarios", "alma-will.yaml"));
        _title = scenario.Title;
        _fourWeeks = CoupleSimulation.Run(scenario.Spec);
        _year = CoupleSimulation.Run(ScenarioChanges.WithLength(scenario, "365d").Spec);
        _report = ScenarioReports.For(scenario, _fourWeeks);
    }

    [Benchmark]
    public (string, byte[]) Chart_4_weeks_svg_and_png() => ClosenessChart.Render(_fourWeeks, _title, ChartSize.Default);

    [Benchmark]
    public (string, byte[]) Chart_1_year_svg_and_png() => ClosenessChart.Render(_year, _title, ChartSize.Default);

    [Benchmark]
    public int Report_files_4_weeks() => ReportWriter.Render(_report).Length;

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Simulation.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("run the benchmarks from inside the repository");
    }
}
