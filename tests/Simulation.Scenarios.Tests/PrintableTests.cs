using Simulation.Scenarios;

namespace Simulation.Scenarios.Tests;

public sealed class PrintableTests
{
    [Theory]
    [InlineData("plain text, café, 日本", "plain text, café, 日本")]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("a\r\nb\tc\0", "a\\r\\nb\\tc\\0")]
    [InlineData("\u001b[2J\u001b]0;title\u0007", "\\u001B[2J\\u001B]0;title\\u0007")]
    [InlineData("\u009b31m", "\\u009B31m")]            // C1 CSI, an escape sequence on its own
    [InlineData("abc\u202edef", "abc\\u202Edef")]      // a bidi override turns the rest of the line around
    [InlineData("line\u2028sep", "line\\u2028sep")]
    [InlineData("emoji 🙂", "emoji 🙂")]                // a surrogate pair stays
    public void Line_escapes_what_would_split_a_line_or_drive_a_terminal(string text, string expected)
    {
        Assert.Equal(expected, Printable.Line(text));
    }

    [Fact]
    public void A_lone_surrogate_is_escaped()
    {
        Assert.Equal("lone \\uD800 half", Printable.Line("lone \ud800 half"));
    }

    [Fact]
    public void Block_keeps_line_breaks_and_tabs_only()
    {
        Assert.Equal("one\ntwo\tthree\\u001B[0m\\r", Printable.Block("one\ntwo\tthree\u001b[0m\r"));
    }

    [Fact]
    public void Quote_cuts_long_text_without_splitting_a_pair_and_then_escapes()
    {
        Assert.Equal(new string('x', 60) + "…", Printable.Quote(new string('x', 10_000)));
        Assert.Equal("ab…", Printable.Quote("ab🙂", 3));
        Assert.Equal("a\\nb", Printable.Quote("a\nb"));
    }
}
