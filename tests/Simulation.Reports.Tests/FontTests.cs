using ScottPlot;
using Simulation.Reports.Charts;

namespace Simulation.Reports.Tests;

/// <summary>Tests that change ScottPlot's process-wide font defaults run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScottPlotGlobals
{
    public const string Name = "ScottPlot globals";
}

[Collection(ScottPlotGlobals.Name)]
public sealed class FontTests
{
    [Fact]
    public void The_charts_name_DejaVu_Sans_whatever_ScottPlots_default_font_is()
    {
        var run = FakeRuns.Make(168);
        var before = ClosenessChart.Render(run, "t", ChartSize.Default);
        string name = Fonts.Default;
        var typeface = Fonts.DefaultFontStyle;
        try
        {
            // what ScottPlot starts with on Linux, and what plot.Font.Set leaves behind
            Fonts.Default = "DejaVu Serif";
            Fonts.DefaultFontStyle = Fonts.GetTypeface("DejaVu Serif", bold: false, italic: false);
            var after = ClosenessChart.Render(run, "t", ChartSize.Default);
            Assert.Equal(before.Svg, after.Svg);
            Assert.Equal(before.Png, after.Png);
            Assert.DoesNotContain("Serif", after.Svg);
        }
        finally
        {
            Fonts.Default = name;
            Fonts.DefaultFontStyle = typeface;
        }
    }

    [Fact]
    public void DejaVu_Sans_is_installed()
    {
        // without it SkiaSharp falls back to another face and the text no longer fits where the layout put it
        Assert.Equal(ChartStyle.FontName, Fonts.GetTypeface(ChartStyle.FontName, bold: false, italic: false).FamilyName);
    }
}
