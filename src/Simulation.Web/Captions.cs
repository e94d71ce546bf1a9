using System.Globalization;
using Simulation.Model;

namespace Simulation.Web;

/// <summary>Plain-language lines for events, as a trainer would say them: "Sun 18:00 — Will withdraws (work stress)".</summary>
public static class Captions
{
    /// <summary>Caption for <paramref name="e"/>; <paramref name="names"/> maps partner ids to display names.</summary>
    public static string For(SimEvent e, IReadOnlyDictionary<string, string> names)
    {
        string who = Name(e.Actor, names);
        string other = Name(e.Target, names);
        string what = e.Kind switch
        {
            EventKinds.Bid => $"{who} reaches out{To(other)}",
            EventKinds.Protest => Reports.RunText.Protest(e.Tone, who, other),
            EventKinds.Callback => $"{who} calls back",
            EventKinds.Repair => $"{who} tries to repair",
            EventKinds.GiveUp => Reports.RunText.GiveUp(e.Tone, who),
            EventKinds.SendAway => other.Length > 0 ? $"{who} sends {other} away" : $"{who} sends the partner away",
            EventKinds.Withdraw => $"{who} withdraws",
            EventKinds.Return => $"{who} comes back",
            EventKinds.Rejection => other.Length > 0 ? $"{who} turns {other} away harshly" : $"{who} turns away harshly",
            EventKinds.Happening => e.Reason switch
            {
                "" => $"Something happens to {who}",
                "outside stress" => $"Outside stress for {who}",
                _ => $"{who} {e.Reason}",
            },
            EventKinds.Intervention => e.Reason.Length > 0 ? $"{who} {e.Reason}" : $"{who} starts an intervention",
            _ => $"{who}: {e.Kind}",
        };
        string outcome = e.Outcome switch
        {
            Outcomes.Answered => other.Length > 0 ? $"; {other} answers" : "; answered",
            Outcomes.Soothed => other.Length > 0 ? $"; {other} answers and {who} calms down" : "; answered, calmer",
            Outcomes.Rebuffed => other.Length > 0 ? $"; {other} turns away" : "; rebuffed",
            Outcomes.Missed => "; not answered",
            Outcomes.Accepted => "; accepted",
            Outcomes.Refused => "; refused",
            "" => "",
            _ => $"; {e.Outcome}",
        };
        // The cause matters for state changes ("withdraws (work stress)"); for reaches it only restates
        // the kind ("wants contact"), and happenings and interventions already say it above.
        bool saysWhy = e.Kind is EventKinds.Withdraw or EventKinds.Return or EventKinds.GiveUp or EventKinds.SendAway;
        string reason = saysWhy && e.Reason.Length > 0 ? $" ({e.Reason})" : "";
        return $"{When(e.Time)} — {what}{outcome}{reason}";
    }

    /// <summary>"Sun 18:00": weekday and clock time, the way the room talks about the week.</summary>
    public static string When(DateTime time) => Reports.RunText.WeekdayTime(time);

    private static string To(string other) => other.Length > 0 ? $" to {other}" : "";

    private static string Name(string id, IReadOnlyDictionary<string, string> names) =>
        id.Length == 0 ? "" : names.TryGetValue(id, out var name) ? name : id;
}
