using Simulation.Scenarios;

namespace Simulation.Scenarios.Tests;

public sealed class TextTests
{
    [Theory]
    [InlineData("avoidence", "avoidance")]
    [InlineData("anxeity", "anxiety")]       // transposition
    [InlineData("sunday", "sun")]            // the word starts with a candidate
    [InlineData("resp", "responsiveness")]   // a candidate starts with the word
    [InlineData("WOUND", "wound")]
    public void Suggests_close_names(string given, string expected)
    {
        string[] names = ["anxiety", "avoidance", "wound", "name", "sun", "sat", "responsiveness"];
        Assert.Equal(expected, Text.Suggest(given, names));
    }

    [Fact]
    public void A_series_is_written_in_full_up_to_a_dozen_and_in_short_beyond()
    {
        string[] Items(int n) => [.. Enumerable.Range(1, n).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal("1, 2, 3", Text.Series(Items(3)));
        Assert.Equal(string.Join(", ", Items(12)), Text.Series(Items(12)));
        Assert.Equal("1, 2, 3, 4, 5, 6, …, 11, 12, 13 (13 in all)", Text.Series(Items(13)));
        Assert.Equal("", Text.Series([]));
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("colour")]
    [InlineData("a")]
    public void Makes_no_far_fetched_suggestions(string given)
    {
        Assert.Null(Text.Suggest(given, ["anxiety", "avoidance", "wound", "name"]));
    }

    [Theory]
    [InlineData(-0.001, "0.00")]
    [InlineData(-0.006, "-0.01")]
    [InlineData(0.5, "0.50")]
    [InlineData(double.NaN, "n/a")]
    public void Figures_are_invariant_and_never_negative_zero(double x, string expected)
    {
        Assert.Equal(expected, Text.F2(x));
    }

    [Theory]
    [InlineData("2026-03-07T08:00", 8, 0)]
    [InlineData("2026-03-07T08:30:00", 8, 30)]
    [InlineData("2026-03-07 21:15", 21, 15)]
    [InlineData("2026-03-07", 0, 0)]
    public void Local_times_parse(string text, int hour, int minute)
    {
        var t = Text.ParseLocalTime(text, out var problem);
        Assert.Null(problem);
        Assert.Equal(new DateTime(2026, 3, 7, hour, minute, 0), t);
    }

    [Theory]
    [InlineData("2026-03-07T08:00Z", "time-zone offset")]
    [InlineData("2026-03-07T08:00+01:00", "time-zone offset")]
    [InlineData("2026-02-30T08:00", "`2026-02-30T08:00` is not a day of the calendar: February 2026 has 28 days")]
    [InlineData("2028-02-30 08:00", "not a day of the calendar: February 2028 has 29 days")]
    [InlineData("2026-04-31", "not a day of the calendar: April 2026 has 30 days")]
    [InlineData("2026-13-01T08:00", "not a day of the calendar: there is no month 13")]
    [InlineData("2026-02-28T25:00", "is not a local time like")] // the day exists; the hour does not
    [InlineData("tomorrow", "not a local time")]
    public void Bad_local_times_say_why(string text, string why)
    {
        Assert.Null(Text.ParseLocalTime(text, out var problem));
        Assert.Contains(why, problem);
    }
}
