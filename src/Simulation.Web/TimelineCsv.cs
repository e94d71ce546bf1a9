using System.Globalization;
using System.Text;
using Simulation.Model;

namespace Simulation.Web;

/// <summary>A run's timeline in the contract's <c>timeline.csv</c> layout (invariant culture, one row per tick).</summary>
public static class TimelineCsv
{
    public static string Write(RunResult run)
    {
        var sb = new StringBuilder("tick,time,closeness");
        foreach (var p in run.Partners)
        {
            string id = p.Spec.Id;
            sb.Append($",{id}_stance,{id}_distress,{id}_hurt,{id}_withdrawn,{id}_anxiety,{id}_avoidance");
        }
        sb.Append('\n');
        foreach (var t in run.Timeline)
        {
            sb.Append(t.Tick.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(t.Time.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
              .Append(Num(t.Closeness));
            foreach (var s in t.Partners)
            {
                sb.Append(',').Append(Num(s.Stance)).Append(',').Append(Num(s.Distress))
                  .Append(',').Append(Num(s.Hurt)).Append(',').Append(s.Withdrawn ? '1' : '0')
                  .Append(',').Append(Num(s.Anxiety)).Append(',').Append(Num(s.Avoidance));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Num(double x) => x.ToString("0.######", CultureInfo.InvariantCulture);
}
