using System.CommandLine;
using System.Globalization;
using Simulation.Model;
using Simulation.Reports;
using Simulation.Scenarios;

namespace Simulation.Cli.Commands;

/// <summary><c>explain SCENARIO</c>: the scenario in plain words, for a trainer preparing a session.</summary>
public sealed class ExplainCommand : ICliCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public Command Build(CliContext context)
    {
        var scenario = new Argument<string>("SCENARIO") { Description = "Scenario file (YAML)." };
        var parameters = new Option<bool>("--parameters")
        {
            Description = "List what --set can change, with each partner's value, range and meaning (instead of the description).",
        };
        var command = new Command("explain", "Describe a scenario in plain words: partners, schedule, events, interventions and claims.");
        command.Arguments.Add(scenario);
        command.Options.Add(parameters);
        command.SetAction(CliApp.Guarded(context, (p, ct) =>
        {
            var s = ScenarioLoader.Load(p.GetValue(scenario)!);
            if (p.GetValue(parameters)) Parameters(context.Output, s);
            else Explain(context.Output, s);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    /// <summary>
    /// What <c>--set</c> can change, with this scenario's values: the run's keys, each partner's traits, and every
    /// parameter the traits give (a column per partner, <c>*</c> where the file sets it by hand), with its range and meaning.
    /// A student asking "what else could I change?" otherwise only finds the names in report.html's partner cards.
    /// </summary>
    public static void Parameters(TextWriter o, Scenario s)
    {
        var partners = s.Spec.Partners;
        o.WriteLine($"What --set can change in {s.Name} (e.g. --set {partners[^1].Id}.responsiveness=0.8; several --set for several changes)");
        o.WriteLine();
        o.WriteLine($"The run: seed ({s.Spec.Seed}), length ({RunText.LengthWords(s.Spec.Hours)}), closeness at the start ({RunText.Fixed(s.Spec.Closeness)}; 0 apart, 1 close)");
        o.WriteLine("  e.g. --set closeness=0.3");
        o.WriteLine();
        o.WriteLine("Each partner's traits, as ID.KEY: anxiety and avoidance (ECR-R, 1–7), wound (early or late), name");
        foreach (var p in partners)
            o.WriteLine($"  {p.Id}: anxiety {RunText.Fixed(p.Anxiety, 1)}, avoidance {RunText.Fixed(p.Avoidance, 1)}, wound {RunText.Wound(p.Wound)}, name {p.Name}");
        o.WriteLine();
        o.WriteLine("Each partner's parameters, as ID.KEY (derived from the traits unless set; * set by hand in the file):");
        var derived = partners.Select(PartnerParameters.Derive).ToArray();
        string[] head = ["parameter", .. partners.Select(p => p.Id), "range", "meaning"];
        var rows = ParameterCatalog.All.Select(info => (string[])[
            info.Name,
            .. partners.Select((p, k) => info.Format(derived[k]) + (p.Overrides.ContainsKey(info.Name) ? "*" : "")),
            $"{RunText.Trim(info.Min)} to {RunText.Trim(info.Max)}",
            info.Meaning]).ToList();
        int[] widths = [.. Enumerable.Range(0, head.Length - 1).Select(c => rows.Select(r => r[c].Length).Append(head[c].Length).Max())];
        string Line(string[] cells) => "  " + string.Join("  ", cells.Take(cells.Length - 1).Select((x, c) => c == 0 || c == cells.Length - 2 ? x.PadRight(widths[c]) : x.PadLeft(widths[c]))) + "  " + cells[^1];
        o.WriteLine(Line(head));
        foreach (var r in rows) o.WriteLine(Line(r));
        o.WriteLine();
        o.WriteLine($"Changing a trait derives every parameter again, except those set by hand (docs/model.md). Try a change with `couplesim compare {s.SourcePath} --set ...`.");
        o.WriteLine("The file's `start`, `schedule`, `events`, `interventions` and `expect` are not --set keys: change them in a copy of the file (`couplesim validate` checks it); --stretch adds stretching.");
    }

    public static void Explain(TextWriter o, Scenario s)
    {
        var spec = s.Spec;
        var names = spec.Partners.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        string Who(IEnumerable<string> ids)
        {
            var list = ids.Select(i => names.TryGetValue(i, out var n) ? n : i).ToList();
            return list.Count == spec.Partners.Length && list.Count > 1 ? "Both" : string.Join(" and ", list);
        }
        string Verb(IEnumerable<string> ids, string one, string many) => ids.Count() > 1 ? many : one;
        string Other(IEnumerable<string> ids) =>
            Who(spec.Partners.Select(p => p.Id).Where(i => !ids.Contains(i))) is { Length: > 0 } o ? o : "the partner";

        o.WriteLine(s.Title);
        o.WriteLine(new string('=', Math.Min(s.Title.Length, 78)));
        if (s.Summary.Length > 0) o.WriteLine(s.Summary);
        o.WriteLine();
        if (s.Notes.What.Length > 0) o.WriteLine($"What it shows:  {s.Notes.What.Trim()}");
        if (s.Notes.Notice.Length > 0) o.WriteLine($"What to notice: {s.Notes.Notice.Trim()}");
        if (s.Notes.Try.Length > 0) o.WriteLine($"What to try:    {s.Notes.Try.Trim()}");
        o.WriteLine();
        o.WriteLine($"Runs {RunText.LengthWords(spec.Hours)} from {RunText.Day(spec.Start)} {spec.Start.ToString("yyyy HH:mm", C)}, seed {spec.Seed}, starting at closeness {RunText.Fixed(spec.Closeness)} (0 apart, 1 close).");
        o.WriteLine();
        o.WriteLine("Partners");
        foreach (var p in spec.Partners)
        {
            o.WriteLine($"  {p.Name} ({p.Id}): anxiety {RunText.Fixed(p.Anxiety, 1)}, avoidance {RunText.Fixed(p.Avoidance, 1)} on the ECR-R scale (1–7) — " +
                        $"{AttachmentStyle.Name(p.Anxiety, p.Avoidance)}, {Hendrix(p)}; {RunText.Wound(p.Wound)} wound.");
            var derived = PartnerParameters.Derive(p);
            foreach (var (name, _) in p.Overrides.OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                var info = ParameterCatalog.Get(name);
                o.WriteLine($"    set by hand: {name} = {info.Format(derived)} ({info.Meaning})");
            }
        }
        if (spec.Schedule.Length > 0)
        {
            o.WriteLine();
            o.WriteLine("Schedule (every week)");
            foreach (var w in spec.Schedule)
            {
                var what = new List<string>();
                if (w.Leisure is { } l) what.Add($"free time together {RunText.Fixed(l)}");
                if (w.Stress is { } st) what.Add($"stress {RunText.Fixed(st)}");
                if (w.Availability is { } a) what.Add($"reachable {RunText.Percent(a)} of the time");
                if (w.Asleep) what.Add("asleep");
                if (what.Count == 0) what.Add("awake, as usual");
                string period = (w.Since, w.Until) switch
                {
                    (null, null) => "",
                    ({ } f, null) => $" from {RunText.Day(f)}",
                    (null, { } u) => $" until {RunText.Day(u)}",
                    ({ } f, { } u) => $" from {RunText.Day(f)} until {RunText.Day(u)}",
                };
                o.WriteLine($"  {Who(w.Who)}, {Days(w.Days)} {w.From.ToString("HH:mm", C)}–{w.To.ToString("HH:mm", C)}{(w.To <= w.From ? " (next day)" : "")}: {string.Join(", ", what)}{period}");
            }
        }
        if (spec.Happenings.Length > 0)
        {
            o.WriteLine();
            o.WriteLine("Happenings");
            foreach (var h in spec.Happenings.OrderBy(h => h.At))
            {
                string what = h.Kind switch
                {
                    HappeningKind.Rejection => $"{Verb(h.Who, "harshly turns", "harshly turn")} {Other(h.Who)} away",
                    HappeningKind.Stress => $"{Verb(h.Who, "is", "are")} under outside stress (strength {RunText.Fixed(h.Strength)}) for {RunText.Plural(h.Hours, "hour")}",
                    HappeningKind.Awareness => $"{Verb(h.Who, "becomes", "become")} aware of a buried need for contact (strength {RunText.Fixed(h.Strength)})",
                    HappeningKind.Away => $"{Verb(h.Who, "is", "are")} away and unreachable for {RunText.Plural(h.Hours, "hour")}",
                    _ => h.Kind.ToString().ToLowerInvariant(),
                };
                o.WriteLine($"  {RunText.Day(h.At)} {h.At.ToString("HH:mm", C)}: {Who(h.Who)} {what}");
            }
        }
        if (spec.Interventions.Length > 0)
        {
            o.WriteLine();
            o.WriteLine("Interventions");
            foreach (var i in spec.Interventions.OrderBy(i => i.At))
            {
                string what = i.Kind == InterventionKind.Stretch ? "stretching (each moves towards the other's need)" : i.Kind.ToString().ToLowerInvariant();
                o.WriteLine($"  From {RunText.Day(i.At)} {i.At.ToString("HH:mm", C)}: {what} for {Who(i.Who)}, strength {RunText.Fixed(i.Strength)}");
            }
        }
        var anxious = spec.Partners.Where(p => p.Anxiety > 4).ToList();
        if (anxious.Count > 0)
        {
            // What the run will report, in the words of events.csv's kind and tone columns, the captions and the chart.
            string them = string.Join(" and ", anxious.Select(p => p.Name));
            string sends = anxious.Count > 1 ? "either may send the other away" : $"{anxious[0].Name} may send {Other([anxious[0].Id])} away";
            o.WriteLine();
            o.WriteLine("Events to watch for");
            o.WriteLine($"  {them}'s protests come in two tones, from the state: angry (a reproach, when hurt outweighs the fear) or pleading (asking for confirmation); events.csv's tone column says which.");
            o.WriteLine($"  Past consoling, {sends} (send-away): a harsh rejection, after which the sender stays angry until the next morning.");
            o.WriteLine($"  A give-up in distress turns into angry rejection (tone angry); a calm give-up just stops asking for a while.");
        }
        o.WriteLine();
        if (s.Expect.Length == 0) o.WriteLine("Claims: none (nothing for `couplesim check` to verify).");
        else
        {
            o.WriteLine("Claims (verified by `couplesim check`)");
            foreach (var e in s.Expect)
            {
                o.WriteLine($"  {ClaimSentences.For(e, s.Spec)}");
                o.WriteLine($"    {ScenarioReports.Claim(e)}");
            }
        }
        o.WriteLine();
        o.WriteLine($"What --set can change, with each partner's values: couplesim explain {s.SourcePath} --parameters");
    }

    private static string Hendrix(PartnerSpec p) => AttachmentStyle.Hendrix(p.Anxiety, p.Avoidance) switch
    {
        "neither" => "neither maximiser nor minimiser in Hendrix' terms",
        "swings between both" => "swinging between maximiser and minimiser in Hendrix' terms",
        var h => $"a {h} in Hendrix' terms",
    };

    private static string Days(IReadOnlyCollection<DayOfWeek> days)
    {
        var set = days.ToHashSet();
        if (set.Count == 7 || set.Count == 0) return "every day";
        if (set.SetEquals([DayOfWeek.Saturday, DayOfWeek.Sunday])) return "weekends";
        if (set.Count == 5 && !set.Contains(DayOfWeek.Saturday) && !set.Contains(DayOfWeek.Sunday)) return "weekdays";
        // Monday first, as a week is read
        return string.Join(", ", set.OrderBy(d => ((int)d + 6) % 7).Select(d => d + "s"));
    }
}
