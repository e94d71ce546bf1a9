using System.Globalization;
using System.Text;
using Simulation.Model;

namespace Simulation.Reports;

/// <summary>timeline.csv and events.csv, the files students' scripts read (design.md's contract).</summary>
public static class CsvWriters
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>
    /// <c>tick,time,closeness</c>, then per partner in scenario order <c>ID_stance,ID_distress,ID_hurt,ID_withdrawn,ID_anxiety,ID_avoidance</c>;
    /// four decimals, <c>\n</c> line ends.
    /// </summary>
    public static string Timeline(RunResult run)
    {
        var sb = new StringBuilder(64 + run.Timeline.Length * (24 + 48 * run.Partners.Length));
        sb.Append("tick,time,closeness");
        foreach (var p in run.Partners)
        {
            string id = p.Spec.Id;
            sb.Append(',').Append(id).Append("_stance,").Append(id).Append("_distress,").Append(id).Append("_hurt,")
              .Append(id).Append("_withdrawn,").Append(id).Append("_anxiety,").Append(id).Append("_avoidance");
        }
        sb.Append('\n');
        foreach (var t in run.Timeline)
        {
            sb.Append(t.Tick.ToString(C)).Append(',').Append(RunText.Iso(t.Time)).Append(',').Append(D(t.Closeness));
            foreach (var s in t.Partners)
            {
                sb.Append(',').Append(D(s.Stance)).Append(',').Append(D(s.Distress)).Append(',').Append(D(s.Hurt))
                  .Append(',').Append(s.Withdrawn ? '1' : '0').Append(',').Append(D(s.Anxiety)).Append(',').Append(D(s.Avoidance));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary><c>tick,time,actor,kind,target,outcome,reason,tone</c>, in the run's event order (tone: a protest's <c>angry</c> or <c>pleading</c>, an angry give-up's <c>angry</c>).</summary>
    public static string Events(RunResult run)
    {
        var sb = new StringBuilder(64 + run.Events.Length * 60);
        sb.Append("tick,time,actor,kind,target,outcome,reason,tone\n");
        foreach (var e in run.Events)
        {
            sb.Append(e.Tick.ToString(C)).Append(',').Append(RunText.Iso(e.Time)).Append(',').Append(Field(e.Actor)).Append(',')
              .Append(Field(e.Kind)).Append(',').Append(Field(e.Target)).Append(',').Append(Field(e.Outcome)).Append(',')
              .Append(Field(e.Reason)).Append(',').Append(Field(e.Tone)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>A figure's cell in runs.csv: a count as a whole number, anything else as <see cref="D"/>.</summary>
    internal static string Figure(Sweeps.RunFigure f, Sweeps.RunFigures run) =>
        f.Count ? ((long)f.Read(run)).ToString(CultureInfo.InvariantCulture) : D(f.Read(run));

    /// <summary>Four decimals, never "-0.0000".</summary>
    internal static string D(double v)
    {
        double r = Math.Round(v, 4, MidpointRounding.AwayFromZero);
        return (r == 0 ? 0 : r).ToString("0.0000", C);
    }

    /// <summary>
    /// RFC 4180 quoting when a field holds a comma, quote or line break. A text cell that a
    /// spreadsheet would evaluate as a formula (it starts with =, +, -, @, a tab or a carriage
    /// return) gets a leading apostrophe, as OWASP advises; numbers are written by <see cref="D"/>.
    /// </summary>
    internal static string Field(string s)
    {
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            s = "'" + s;
        return s.AsSpan().IndexOfAny(",\"\r\n") < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
    }
}
