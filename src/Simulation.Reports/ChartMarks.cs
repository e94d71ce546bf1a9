using System.Collections.Immutable;
using Simulation.Model;
using Simulation.Reports.Charts;

namespace Simulation.Reports;

/// <summary>Marker shapes of the charts and the workshop page (the page draws them by these names).</summary>
public enum MarkerShape { Circle, OpenCircle, Square, Diamond, TriangleUp, TriangleDown, Cross, Plus, Asterisk }

/// <summary>How one kind of chart marker looks and where it sits in a partner's lane (row 2 at the top on the page; the report charts give each kind its own row, in <see cref="ChartMarks.All"/> order).</summary>
public sealed record MarkKind(string Key, string Label, MarkerShape Shape, string Color, int Row);

/// <summary>
/// Which events become markers on which partner's lane. Marker colours avoid the partners' two
/// hues and the pale band tints (a lane's row name and the shape tell the kind apart in grey).
/// </summary>
public static class ChartMarks
{
    public static readonly MarkKind Protest = new("protest", "Protest (angry)", MarkerShape.TriangleUp, OkabeIto.Orange, 2);
    public static readonly MarkKind Plea = new("plea", "Plea", MarkerShape.TriangleUp, OkabeIto.ReddishPurple, 2);
    public static readonly MarkKind SendAway = new("send-away", "Sends partner away", MarkerShape.Asterisk, OkabeIto.Black, 2);
    public static readonly MarkKind Callback = new("callback", "Call-back", MarkerShape.Plus, OkabeIto.ReddishPurple, 2);
    public static readonly MarkKind Repair = new("repair", "Repair attempt", MarkerShape.Diamond, OkabeIto.ReddishPurple, 2);
    public static readonly MarkKind Rejection = new("rejection", "Harsh rejection", MarkerShape.Asterisk, OkabeIto.Black, 2);
    public static readonly MarkKind Intervention = new("intervention", "Intervention", MarkerShape.OpenCircle, OkabeIto.BluishGreen, 2);
    public static readonly MarkKind Answer = new("answer", "Answers a reach", MarkerShape.Circle, OkabeIto.BluishGreen, 1);
    public static readonly MarkKind Rebuff = new("rebuff", "Turns a reach away", MarkerShape.Cross, OkabeIto.Black, 1);
    public static readonly MarkKind Withdraw = new("withdraw", "Withdraws", MarkerShape.TriangleDown, OkabeIto.Black, 0);
    public static readonly MarkKind GiveUp = new("give-up", "Gives up", MarkerShape.Square, OkabeIto.Black, 0);

    // Answers and turn-aways are of any reach (a bid, protest, call-back or repair), not bids alone: "a bid" made a row of
    // answers look at odds with the summary's "answered 0" of bids (call-backs and repairs were answered).

    /// <summary>All kinds in legend order.</summary>
    public static ImmutableArray<MarkKind> All { get; } = [Protest, Plea, Answer, Rebuff, Callback, Repair, GiveUp, Withdraw, SendAway, Rejection, Intervention];

    /// <summary>
    /// The markers an event makes: a protest (angry, or without a tone) or a plea (a pleading protest), call-back, repair, give-up,
    /// withdrawal, sending away or rejection on the actor's lane; an answer or a rebuff on the lane of the partner who answered or turned away;
    /// an intervention on each partner it names (all partners when it names none).
    /// </summary>
    public static IEnumerable<(string PartnerId, MarkKind Kind)> For(SimEvent e, IReadOnlySet<string> partnerIds)
    {
        bool actorIsPartner = partnerIds.Contains(e.Actor);
        switch (e.Kind)
        {
            case EventKinds.Protest when actorIsPartner: yield return (e.Actor, e.Tone == Tones.Pleading ? Plea : Protest); break;
            case EventKinds.SendAway when actorIsPartner: yield return (e.Actor, SendAway); break;
            case EventKinds.Callback when actorIsPartner: yield return (e.Actor, Callback); break;
            case EventKinds.Repair when actorIsPartner: yield return (e.Actor, Repair); break;
            case EventKinds.GiveUp when actorIsPartner: yield return (e.Actor, GiveUp); break;
            case EventKinds.Withdraw when actorIsPartner: yield return (e.Actor, Withdraw); break;
            case EventKinds.Rejection when actorIsPartner: yield return (e.Actor, Rejection); break;
            case EventKinds.Intervention:
                var named = new[] { e.Actor, e.Target }.Where(partnerIds.Contains).Distinct().ToList();
                foreach (var id in named.Count > 0 ? named : partnerIds.Order(StringComparer.Ordinal).ToList())
                    yield return (id, Intervention);
                break;
        }
        if (e.Kind is EventKinds.Bid or EventKinds.Protest or EventKinds.Callback or EventKinds.Repair && partnerIds.Contains(e.Target))
        {
            if (RunMetrics.IsPositive(e)) yield return (e.Target, Answer);
            else if (e.Outcome is Outcomes.Rebuffed or Outcomes.Refused) yield return (e.Target, Rebuff);
        }
    }
}
