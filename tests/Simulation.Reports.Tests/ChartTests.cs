using System.Globalization;
using System.Xml.Linq;
using Simulation.Model;
using Simulation.Reports.Svg;

namespace Simulation.Reports.Tests;

public sealed class ChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XDocument Parse(string svg) => XDocument.Parse(svg);

    private static IEnumerable<XElement> WithClass(XDocument doc, string cls) =>
        doc.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cls) == true);

    private static IEnumerable<XElement> WithClasses(XDocument doc, params string[] classes) =>
        doc.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ') is { } c && classes.All(c.Contains));

    private static int PointCount(XElement polyline) => ((string)polyline.Attribute("points")!).Split(' ').Length;

    private static XElement PanelOf(XElement e) =>
        e.Ancestors().First(a => ((string?)a.Attribute("class"))?.StartsWith("panel ", StringComparison.Ordinal) == true);

    [Fact]
    public void Hourly_chart_draws_one_closeness_point_per_hour_and_each_partners_stance_and_distress()
    {
        var run = FakeRuns.Make(672);
        var doc = Parse(ClosenessChart.Svg(run, "t"));

        var closeness = WithClasses(doc, "series", "closeness").Single();
        Assert.Equal("polyline", closeness.Name.LocalName);
        Assert.Equal(run.Timeline.Length + 1, PointCount(closeness)); // the initial value, then one per hour

        foreach (var id in new[] { "alma", "will" })
        {
            var stance = WithClasses(doc, "series", "stance").Single(e => (string?)e.Attribute("data-partner") == id);
            Assert.Equal(run.Timeline.Length, PointCount(stance));
            Assert.Single(WithClasses(doc, "series", "distress"), e => (string?)e.Attribute("data-partner") == id);
        }
    }

    [Fact]
    public void Closeness_points_follow_the_timeline_on_a_zero_to_one_axis()
    {
        var run = FakeRuns.Make(96);
        var doc = Parse(ClosenessChart.Svg(run));
        var ys = ((string)WithClasses(doc, "series", "closeness").Single().Attribute("points")!)
            .Split(' ').Select(p => double.Parse(p.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        // higher closeness is drawn higher up (smaller y), hour by hour
        for (int i = 1; i < run.Timeline.Length; i++)
        {
            double dc = run.Timeline[i].Closeness - run.Timeline[i - 1].Closeness;
            if (Math.Abs(dc) > 0.01) Assert.Equal(Math.Sign(dc), -Math.Sign(ys[i + 1] - ys[i]));
        }
    }

    [Fact]
    public void Markers_on_each_lane_match_the_events()
    {
        var run = FakeRuns.Make(672);
        var doc = Parse(ClosenessChart.Svg(run));

        int Count(string kind, string partner) => WithClasses(doc, "marker", kind).Count(e => (string?)e.Attribute("data-partner") == partner);

        Assert.Equal(run.Events.Count(e => e.Kind == EventKinds.Protest && e.Actor == "alma"), Count("protest", "alma"));
        Assert.Equal(run.Events.Count(e => e.Kind == EventKinds.Withdraw && e.Actor == "will"), Count("withdraw", "will"));
        Assert.Equal(run.Events.Count(e => e.Kind == EventKinds.GiveUp && e.Actor == "alma"), Count("give-up", "alma"));
        Assert.Equal(run.Events.Count(e => e.Kind == EventKinds.Callback && e.Actor == "will"), Count("callback", "will"));
        Assert.Equal(run.Events.Count(e => e.Kind == EventKinds.Repair && e.Actor == "will"), Count("repair", "will"));
        Assert.Equal(run.Events.Count(e => e.Kind == EventKinds.Rejection && e.Actor == "will"), Count("rejection", "will"));
        // answers and rebuffs sit on the lane of the partner who answered
        Assert.Equal(run.Events.Count(e => e.Target == "will" && e.Kind is EventKinds.Bid or EventKinds.Protest && e.Outcome == Outcomes.Answered), Count("answer", "will"));
        Assert.Equal(run.Events.Count(e => e.Target == "will" && e.Kind is EventKinds.Bid or EventKinds.Protest && e.Outcome == Outcomes.Rebuffed), Count("rebuff", "will"));
        Assert.Equal(run.Events.Count(e => e.Target == "alma" && e.Outcome == Outcomes.Refused), Count("rebuff", "alma"));
        Assert.Equal(2, WithClasses(doc, "marker", "intervention").Count());
        Assert.True(Count("rebuff", "will") > 0 && Count("answer", "will") > 0, "the fake run has answers and rebuffs");

        // each marker sits inside its partner's lane
        foreach (var m in WithClass(doc, "marker"))
            Assert.Equal((string?)m.Attribute("data-partner"), (string?)PanelOf(m).Attribute("data-partner"));
        // an intervention also draws a labelled line across the panels
        Assert.Contains(WithClasses(doc, "vline", "intervention"), l => l.ElementsAfterSelf().Any(t => t.Value == "stretch"));
    }

    [Fact]
    public void Schedule_bands_cover_the_hours_their_circumstances_say()
    {
        var run = FakeRuns.Make(672);
        var doc = Parse(ClosenessChart.Svg(run));
        int Hours(IEnumerable<XElement> bands) => bands.Sum(b => int.Parse((string)b.Attribute("data-hours")!, CultureInfo.InvariantCulture));

        var mainLeisure = WithClasses(doc, "band", "leisure").Where(b => ((string)PanelOf(b).Attribute("class")!).Contains("closeness"));
        Assert.Equal(run.Timeline.Count(t => t.Partners.Any(p => p.Circumstances.Leisure > 0 && !p.Circumstances.Asleep)), Hours(mainLeisure));

        var mainSleep = WithClasses(doc, "band", "sleep").Where(b => ((string)PanelOf(b).Attribute("class")!).Contains("closeness"));
        Assert.Equal(run.Timeline.Count(t => t.Partners.All(p => p.Circumstances.Asleep)), Hours(mainSleep));

        var willWork = WithClasses(doc, "band", "work").Where(b => (string?)b.Attribute("data-partner") == "will");
        Assert.Equal(run.Timeline.Count(t => t.Partners[1].Circumstances.Availability < 1 && !t.Partners[1].Circumstances.Asleep), Hours(willWork));
        Assert.DoesNotContain(WithClasses(doc, "band", "work"), b => (string?)b.Attribute("data-partner") == "alma");

        var willStress = WithClasses(doc, "band", "stress").Where(b => (string?)b.Attribute("data-partner") == "will").ToList();
        Assert.Equal(run.Timeline.Count(t => t.Partners[1].Circumstances.Stress > 0), Hours(willStress));
        Assert.Equal("2026-03-08T18:00", (string?)willStress[0].Attribute("data-from")); // the first Sunday evening

        var withdrawn = WithClasses(doc, "band", "withdrawn").Where(b => (string?)b.Attribute("data-partner") == "will");
        Assert.Equal(run.Timeline.Count(t => t.Partners[1].Withdrawn), Hours(withdrawn));
    }

    [Fact]
    public void X_axis_names_days_and_weeks_and_the_chart_has_title_labels_and_legend()
    {
        var run = FakeRuns.Make(672);
        var doc = Parse(ClosenessChart.Svg(run, "Alma and Will"));
        var labels = WithClasses(doc, "tick-label", "x").Select(e => e.Value).ToList();
        Assert.Contains("Sat 7 Mar", labels);
        Assert.Contains("Sat 14 Mar", labels);
        Assert.Equal(28, labels.Count(l => l is "Sat" or "Sun" or "Mon" or "Tue" or "Wed" or "Thu" or "Fri"));
        Assert.Equal("Alma and Will", WithClass(doc, "title").Single().Value);
        var yLabels = WithClasses(doc, "axis-label", "y").Select(e => e.Value).ToList();
        Assert.Equal(["Closeness", "Stance", "Distress"], yLabels);
        Assert.Equal(["Alma", "Will"], WithClass(doc, "lane-label").Select(e => e.Value));
        var legend = WithClass(doc, "legend-item").Select(e => (string?)e.Attribute("data-label")).ToList();
        Assert.Contains("Closeness", legend);
        Assert.Contains("Alma", legend);
        Assert.Contains("Protest", legend);
        Assert.Contains("Leisure together", legend);
    }

    [Fact]
    public void A_week_long_run_labels_every_day_with_its_date()
    {
        var doc = Parse(ClosenessChart.Svg(FakeRuns.Make(7 * 24)));
        var labels = WithClasses(doc, "tick-label", "x").Select(e => e.Value).ToList();
        Assert.Equal(["Sat 7 Mar", "Sun 8 Mar", "Mon 9 Mar", "Tue 10 Mar", "Wed 11 Mar", "Thu 12 Mar", "Fri 13 Mar"], labels);
    }

    [Fact]
    public void All_text_is_at_least_14_pixels_on_a_1280_pixel_chart()
    {
        var doc = Parse(ClosenessChart.Svg(FakeRuns.Make(672)));
        var root = doc.Root!;
        Assert.Equal("1280", (string?)root.Attribute("width"));
        double rootSize = double.Parse((string)root.Attribute("font-size")!, CultureInfo.InvariantCulture);
        foreach (var text in doc.Descendants(Svg + "text"))
        {
            double size = text.AncestorsAndSelf().Select(e => (string?)e.Attribute("font-size")).FirstOrDefault(s => s is not null) is { } s
                ? double.Parse(s, CultureInfo.InvariantCulture) : rootSize;
            Assert.True(size >= 14, $"'{text.Value}' is {size}px");
        }
    }

    [Fact]
    public void A_year_is_drawn_per_day_with_ranges_monthly_labels_and_daily_marker_counts()
    {
        var run = FakeRuns.Make(365 * 24);
        var doc = Parse(ClosenessChart.Svg(run));
        int days = run.Timeline.Select(t => t.Time.Date).Distinct().Count();

        Assert.Equal(days, PointCount(WithClasses(doc, "series", "closeness").Single()));
        Assert.Single(WithClasses(doc, "range", "closeness"));
        var labels = WithClasses(doc, "tick-label", "x").Select(e => e.Value).ToList();
        Assert.Contains("Jan 2027", labels);
        Assert.Contains("May", labels);
        Assert.True(labels.Count <= 14);

        int Sum(string kind, string partner) => WithClasses(doc, "marker", kind).Where(e => (string?)e.Attribute("data-partner") == partner)
            .Sum(e => int.Parse((string)e.Attribute("data-count")!, CultureInfo.InvariantCulture));
        int protests = run.Events.Count(e => e.Kind == EventKinds.Protest && e.Actor == "alma");
        Assert.True(protests > 0);
        Assert.Equal(protests, Sum("protest", "alma"));
        Assert.True(WithClasses(doc, "marker", "protest").Count() <= days);
        Assert.Equal(run.Events.Count(e => e.Kind == EventKinds.Withdraw && e.Actor == "will"), Sum("withdraw", "will"));
        Assert.Empty(WithClasses(doc, "band", "sleep")); // a year of nights would be a grey smear
        Assert.Contains("daily means", WithClass(doc, "footnote").Single().Value);
    }

    [Fact]
    public void Ten_years_are_drawn_per_week_with_year_labels()
    {
        var run = FakeRuns.Make(3650 * 24);
        var doc = Parse(ClosenessChart.Svg(run));
        int weeks = (int)Math.Ceiling((run.Timeline[^1].Time.Date - run.Spec.Start.Date).Days / 7.0 + 1e-9);
        Assert.InRange(PointCount(WithClasses(doc, "series", "closeness").Single()), weeks, weeks + 1);
        Assert.Equal(["2027", "2028", "2029", "2030", "2031", "2032", "2033", "2034", "2035", "2036"],
            WithClasses(doc, "tick-label", "x").Select(e => e.Value));
        int protests = run.Events.Count(e => e.Kind == EventKinds.Protest && e.Actor == "alma");
        Assert.Equal(protests, WithClasses(doc, "marker", "protest").Sum(e => int.Parse((string)e.Attribute("data-count")!, CultureInfo.InvariantCulture)));
        Assert.Contains("weekly means", WithClass(doc, "footnote").Single().Value);
    }

    [Fact]
    public void The_chart_is_byte_identical_for_the_same_run()
    {
        Assert.Equal(ClosenessChart.Svg(FakeRuns.Make(336, 3)), ClosenessChart.Svg(FakeRuns.Make(336, 3)));
        Assert.NotEqual(ClosenessChart.Svg(FakeRuns.Make(336, 3)), ClosenessChart.Svg(FakeRuns.Make(336, 4)));
    }

    [Fact]
    public void An_empty_run_still_gives_a_valid_chart()
    {
        var doc = Parse(ClosenessChart.Svg(FakeRuns.Make(0)));
        Assert.Single(WithClasses(doc, "series", "closeness"));
    }
}
