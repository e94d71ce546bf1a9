using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Simulation.Model;

namespace Simulation.Reports;

/// <summary>run.json: what was run (tool, scenario, seed, resolved parameters) and what came of it.</summary>
public static class RunJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable "–" and "é" in names; the file is never embedded in HTML
    };

    /// <summary>The document as text (UTF-8, indented, keys in a fixed order, <c>\n</c> line ends).</summary>
    public static string Write(RunReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            var run = report.Run;
            var spec = run.Spec;
            var m = report.Metrics;
            w.WriteStartObject();
            w.WriteString("tool", "couplesim");
            w.WriteString("version", ToolInfo.Version);
            w.WriteStartObject("scenario");
            w.WriteString("name", report.Scenario.Name);
            w.WriteString("title", report.Scenario.Title);
            w.WriteString("sha256", report.Scenario.Sha256);
            // the what-if's --set and --stretch, as given: the file's hash alone would not say what ran
            w.WriteStartArray("changes");
            foreach (var change in report.Changes.IsDefault ? [] : report.Changes) w.WriteStringValue(change);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteNumber("seed", spec.Seed);
            w.WriteString("start", RunText.Iso(spec.Start));
            w.WriteString("length", RunText.Length(spec.Hours));
            w.WriteNumber("hours", spec.Hours);
            w.WriteNumber("initial_closeness", Round(spec.Closeness));

            w.WriteStartArray("partners");
            foreach (var p in run.Partners)
            {
                w.WriteStartObject();
                w.WriteString("id", p.Spec.Id);
                w.WriteString("name", p.Spec.Name);
                w.WriteNumber("anxiety", Round(p.Spec.Anxiety));
                w.WriteNumber("avoidance", Round(p.Spec.Avoidance));
                w.WriteString("wound", RunText.Wound(p.Spec.Wound));
                w.WriteString("style", p.StyleName);
                w.WriteString("hendrix", AttachmentStyle.Hendrix(p.Spec.Anxiety, p.Spec.Avoidance));
                w.WriteStartObject("parameters");
                foreach (var info in ParameterCatalog.All)
                    w.WriteNumber(info.Name, Round(info.Get(p.Parameters)));
                w.WriteEndObject();
                w.WriteStartArray("overridden");
                foreach (var name in p.Spec.Overrides.Keys.Order(StringComparer.Ordinal)) w.WriteStringValue(name);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartObject("metrics");
            w.WriteNumber("hours", m.Hours);
            w.WriteNumber("mean_closeness", Round(m.MeanCloseness));
            w.WriteNumber("min_closeness", Round(m.MinCloseness));
            w.WriteNumber("max_closeness", Round(m.MaxCloseness));
            w.WriteNumber("interactions", m.Interactions);
            w.WriteNumber("positive_share", Round(m.PositiveShare));
            w.WriteNumber("events", run.Events.Length);
            w.WriteStartArray("partners");
            foreach (var pm in m.Partners)
            {
                w.WriteStartObject();
                w.WriteString("id", pm.Id);
                w.WriteNumber("bids", pm.Bids);
                w.WriteNumber("protests", pm.Protests);
                w.WriteNumber("answered", pm.Answered);
                w.WriteNumber("rebuffed", pm.Rebuffed);
                w.WriteNumber("missed", pm.Missed);
                w.WriteNumber("repairs_attempted", pm.RepairsAttempted);
                w.WriteNumber("give_ups", pm.GiveUps);
                w.WriteNumber("mean_stance", Round(pm.MeanStance));
                w.WriteNumber("mean_distress", Round(pm.MeanDistress));
                w.WriteNumber("time_withdrawn", Round(pm.TimeWithdrawn));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartArray("expectations");
            foreach (var e in report.Expectations)
            {
                w.WriteStartObject();
                w.WriteString("pattern", e.Pattern);
                w.WriteStartObject("args");
                foreach (var (k, v) in e.Args.IsDefault ? [] : e.Args) w.WriteString(k, v);
                w.WriteEndObject();
                w.WriteString("claim", e.Claim);
                w.WriteBoolean("passed", e.Passed);
                w.WriteString("detail", e.Detail);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteBoolean("all_expectations_passed", report.AllExpectationsPassed);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>Six decimals: enough to reproduce, short enough to read.</summary>
    private static double Round(double v)
    {
        double r = Math.Round(v, 6, MidpointRounding.AwayFromZero);
        return r == 0 ? 0 : r;
    }
}
