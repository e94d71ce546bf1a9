using System.Collections.Immutable;

namespace Simulation.Model;

/// <summary>Everything a partner carries from one hour to the next; copied when a run is branched.</summary>
public sealed record PartnerMindState(
    PartnerSpec Spec, string PartnerId, double AnxietyNow, double Stance, double Distress, double Engulfment, double Hurt,
    bool Withdrawn, bool TurnedAwayInAnger, double ExpectedAnswer, double ExpectedAnswerLong, int Unanswered, int AngryHours,
    int RepairWindow, int CallbackDue, double AngerStrength, double Awareness, bool FlightMode, Rng Random, double DerivedAnxiety, double Ease, int RestHours,
    int InconsolableHours, bool SentAway, bool Reachable, double Practice, double Experience);

/// <summary>
/// One partner's attachment system: distress from a closeness deficit (hyperactivation), engulfment
/// from pursuit, excess closeness and stress (deactivation), hurt from rebuffs, the persistence rule,
/// repair, and slow earned security. Pure: no I/O, randomness only from its own seeded stream.
/// The equations are documented in docs/model.md.
/// </summary>
public sealed class PartnerMind
{
    // Shape constants of the dynamics (calibrated against the signature table; see docs/model.md).
    private const double DistressScale = 1.2;        // distress level a sustained threat of 1 settles at
    private const double DistressRise = 0.5;         // share of the gap closed per hour when distress rises
    private const double EngulfmentHours = 3.0;
    private const double WithdrawBelow = -0.35, ReturnAbove = -0.05; // hysteresis of the withdrawn state
    private const double StanceInertia = 0.6;        // share of the way to the new stance per hour (Gottman's inertia)
    private const double LearningRate = 0.06, SlowLearningRate = 0.004;
    private const double HurtWeight = 0.8, DistressWeight = 1.3;
    private const double IdealPull = 1.5;       // pull towards one's own ideal closeness (Felmlee & Greenberg)
    private const int CallbackHours = 24, RepairHours = 6, RestHours = 4;
    private const double ProtestAbove = 0.6;    // distress from which a reach becomes a protest
    // How hard a protest presses on the partner, by tone: reproach attacks, a plea clings.
    private const double ReproachPressure = 0.8, PleaPressure = 0.3;
    private const double ReproachAt = 0.5; // hurt, relative to distress, from which a protest turns into reproach
    private const double PriorBids = 2; // the expectation one starts with weighs as much as two bids
    private const double PracticeRate = 1.0 / 60; // share of the way to the commitment per awake hour of stretching
    // Push away while angry: after an angry give-up or sending the partner away, and (stronger) after finding the partner turned away in anger.
    private const double RebuffAnger = 1.5, MutualAnger = 2.5;

    private readonly PartnerSpec _spec;
    private readonly string _partnerId;
    private readonly double _avoidance, _originalAnxiety; // unit-interval traits as the scenario gives them
    private readonly bool _minimiser; // more avoidant than anxious: stretching raises affiliation
    private Rng _rng;
    private PartnerParameters _base = null!;   // derived from the current anxiety, with overrides
    private PartnerParameters _p = null!;      // _base with awareness and stretching applied
    private double _derivedAt = double.NaN, _stretchAt = double.NaN;
    private double _decayDistress, _decayHurt;

    private Circumstances _now; // this hour's circumstances, for the snapshot
    private double _ease; // recent free time together, smoothed: the ease lingers after the weekend
    private double _anxiety, _stance, _distress, _engulfment, _hurt, _expected, _expectedLong, _awareness;
    private bool _withdrawn, _flight;
    private bool _turnedAwayInAnger; // withdrawn, and the withdrawal began in hurt anger: the partner sees a rejection
    private int _restHours;
    private int _inconsolableHours; // awake hours in a row past the inconsolable threshold
    private bool _reachable;        // was reachable last hour: heard the partner's protest, if any
    private bool _sentAway;         // has sent the partner away since last asleep: once a night
    private double _practice;       // how far stretching has taken hold (0 … the commitment)
    private double _experience = PriorBids; // bids learned from, fading: sets how much the next answer teaches
    private int _unanswered, _angryHours, _repairWindow, _callbackDue;
    private double _angerStrength = RebuffAnger; // how hard the current anger pushes away

    public PartnerMind(PartnerSpec spec, string partnerId, ulong runSeed) : this(spec, partnerId)
    {
        _anxiety = _originalAnxiety;
        _rng = Rng.For(runSeed, spec.Id);
        _expected = _expectedLong = 1 - 0.6 * _originalAnxiety; // before any experience: the anxious expect less from a partner
        Rederive(0);
    }

    public PartnerMind(PartnerMindState s) : this(s.Spec, s.PartnerId)
    {
        (_anxiety, _stance, _distress, _engulfment, _hurt) = (s.AnxietyNow, s.Stance, s.Distress, s.Engulfment, s.Hurt);
        (_withdrawn, _turnedAwayInAnger, _expected, _expectedLong, _unanswered, _angryHours) = (s.Withdrawn, s.TurnedAwayInAnger, s.ExpectedAnswer, s.ExpectedAnswerLong, s.Unanswered, s.AngryHours);
        (_repairWindow, _callbackDue, _angerStrength, _awareness, _flight, _rng, _ease, _restHours) = (s.RepairWindow, s.CallbackDue, s.AngerStrength, s.Awareness, s.FlightMode, s.Random, s.Ease, s.RestHours);
        (_inconsolableHours, _sentAway, _reachable, _practice, _experience) = (s.InconsolableHours, s.SentAway, s.Reachable, s.Practice, s.Experience);
        // Derive from the anxiety the parameters were last derived at, so a copy continues exactly like the original.
        Rederive(0, s.DerivedAnxiety);
    }

    /// <summary>What both constructors share: the traits as the scenario gives them.</summary>
    private PartnerMind(PartnerSpec spec, string partnerId)
    {
        _spec = spec;
        _partnerId = partnerId;
        _avoidance = PartnerParameters.Trait(spec.Avoidance);
        _originalAnxiety = PartnerParameters.Trait(spec.Anxiety);
        _minimiser = _avoidance > _originalAnxiety;
    }

    public string Id => _spec.Id;

    public PartnerMindState Export() => new(
        _spec, _partnerId, _anxiety, _stance, _distress, _engulfment, _hurt, _withdrawn, _turnedAwayInAnger, _expected, _expectedLong,
        _unanswered, _angryHours, _repairWindow, _callbackDue, _angerStrength, _awareness, _flight, _rng, _derivedAt, _ease, _restHours,
        _inconsolableHours, _sentAway, _reachable, _practice, _experience);

    /// <summary>Phase 1 of an hour: feel, lean in or away, and decide how to reach out and how to respond.</summary>
    public PartnerMove Decide(in TickContext ctx)
    {
        if (ctx.Awareness > 0) { _awareness = Math.Min(1, _awareness + ctx.Awareness); _derivedAt = double.NaN; }
        var own = ctx.Own;
        Rederive(Stretching(ctx.Stretch, own.Asleep));
        var p = _p;
        var partner = ctx.Partner;
        _now = own;
        double v = _avoidance * (1 - 0.6 * _awareness); // a need made conscious loosens the avoidant strategy

        // Hyperactivation: a closeness deficit, or the partner turning away, raises distress.
        // Free time together widens the band of closeness one is at ease with, without raising the need.
        if (!own.Asleep) _ease += (own.Leisure - _ease) * (1.0 / 6); // a night's sleep neither adds to the ease nor takes it away
        double desired = p.DesiredCloseness, easeUpTo = Math.Min(1, desired + 0.05 + 0.25 * _ease);
        double deficit = Math.Max(0, desired - ctx.Closeness);
        double excess = Math.Max(0, ctx.Closeness - easeUpTo);
        // Turning away right after a good time together alarms the more ("every time it goes well between us, you pull away").
        double cue = (partner.Withdrawn ? 1.0 : Math.Max(0, -partner.Stance) * 0.6) * (1 + _ease);
        // Time together is reassuring: it halves the alarm a deficit or a cue would raise.
        double threat = own.Asleep ? 0 : p.ThreatGain * p.Reactivity * (2 * deficit + cue) * (1 - 0.5 * own.Leisure);
        double target = DistressScale * threat;
        _distress += target > _distress ? DistressRise * (target - _distress) : (1 - _decayDistress) * (target - _distress);

        // Deactivation: pursuit, too much closeness and outside stress feel engulfing.
        // Away at work one feels the partner's pursuit less: it scales with how reachable one is (fully from half-time
        // on), and a protest presses only if it got through (one was reachable last hour). Reproach presses harder than a plea.
        double protest = partner.Reach == Reach.Protest ? ReproachPressure : partner.Reach == Reach.Plea ? PleaPressure : 0;
        double pressure = Math.Min(1, 2 * own.Availability) * partner.Pursuit + (_reachable ? protest : 0);
        double gain = p.EngulfmentGain * p.Reactivity;
        double stressPush = gain * 0.8 * own.Stress, pressurePush = gain * 0.6 * pressure, excessPush = gain * 1.5 * excess;
        _engulfment += ((stressPush + pressurePush + excessPush) * (1 - 0.3 * own.Leisure) - _engulfment) * (1 / EngulfmentHours);

        _hurt *= _decayHurt;
        if (_angryHours > 0) _angryHours--;
        // Max–max: an anxious partner who is still turned towards the other and finds them turned away in
        // anger feels rejected (chance: the anxiety), and turns away hurt and angry too. Someone already
        // turned away does not notice: that keeps the two out of step.
        if (partner.Angry && !_withdrawn && !own.Asleep && _anxiety > 0.4 && (_angryHours == 0 || _angerStrength < MutualAnger)
            && _rng.Chance(_anxiety))
        {
            BecomeAngry((int)Math.Round(1 + 4 * _anxiety), MutualAnger);
            _hurt += p.HurtPerRebuff * p.Reactivity * 0.6;
        }
        if (_restHours > 0) _restHours--;
        if (_repairWindow > 0) _repairWindow--;
        if (_callbackDue > 0) _callbackDue--;

        // Distress pushes the anxious towards the partner and the avoidant away (Mikulincer & Shaver);
        // a disorganised partner swings between the two.
        double organised = _distress * (1 - 2 * v);
        double attach = organised;
        if (p.Disorganisation > 0)
        {
            if (_rng.Chance(p.Disorganisation * Math.Min(1, _distress + _engulfment))) _flight = !_flight;
            double w = Math.Min(1, 3 * p.Disorganisation);
            attach = (1 - w) * organised + w * (_flight ? -(0.8 + _distress) : 0.8 + _distress);
        }
        double anger = _angryHours > 0 ? _angerStrength : 0;
        double rejecting = ctx.Rejecting * 3;
        // Free time together warms the partner who is not anxious about it; the anxious partner's approach comes
        // from need, and when the need is met she is content rather than pressing (Alma happy at weekends).
        double drive = p.Affiliation + 0.5 * _ease * (1 - _anxiety) + IdealPull * (deficit - (0.3 + v) * excess) + DistressWeight * attach - _engulfment - HurtWeight * _hurt - anger - rejecting
                       + 0.03 * _rng.NextNoise();
        // Asleep, the attachment system rests: the stance relaxes towards neutral.
        double tanh = PortableMath.Tanh(1.5 * drive), lean = own.Asleep ? 0.2 * tanh : tanh;
        _stance += StanceInertia * (lean - _stance);
        _stance = Math.Clamp(_stance, -1, 1);

        var events = ImmutableArray<SimEvent>.Empty;
        if (!_withdrawn && _stance < WithdrawBelow)
        {
            _withdrawn = true;
            _turnedAwayInAnger = _angryHours > 0 || ctx.Rejecting > 0;
            string why = WithdrawReason(stressPush, pressurePush, excessPush, -DistressWeight * attach, HurtWeight * _hurt, anger + rejecting, own.Stress > 0.5 ? "work stress" : "stress");
            events = [new SimEvent(ctx.Tick, ctx.Time, Id, EventKinds.Withdraw, "", Outcomes.None, why)];
        }
        else if (_withdrawn && _stance > ReturnAbove)
        {
            _withdrawn = false;
            _turnedAwayInAnger = false;
            events = [new SimEvent(ctx.Tick, ctx.Time, Id, EventKinds.Return, "", Outcomes.None, "")];
        }

        // Inconsolable: past the threshold, answers no longer soothe.
        _inconsolableHours = !own.Asleep && _distress >= p.InconsolableAt ? _inconsolableHours + 1 : 0;
        if (own.Asleep) _sentAway = false;
        var (reach, reason) = own.Asleep || ctx.Rejecting > 0 ? (Reach.None, "") : ChooseReach(p, own, partner.Withdrawn);
        var readiness = Ready(p, own);
        // Only a distressed approach presses on the partner; calm warmth does not.
        double pursuit = own.Asleep ? 0 : Math.Max(0, _stance) * Math.Min(1.5, _distress);
        return new PartnerMove(_stance, _withdrawn, pursuit, reach, reason, _distress < p.InconsolableAt, readiness, events, _turnedAwayInAnger);
    }

    private (Reach, string) ChooseReach(PartnerParameters p, Circumstances own, bool partnerWithdrawn)
    {
        // The inconsolable turn (Alma): she keeps on at him, he withdraws further, and she sends him away.
        if (!_sentAway && _inconsolableHours >= 2 && partnerWithdrawn && _anxiety > 0.4 && _angryHours == 0 && _rng.Chance(0.25))
        {
            _inconsolableHours = 0;
            return (Reach.SendAway, "inconsolable");
        }
        if (_callbackDue > 0 && own.Availability >= 0.5 && _rng.Chance(0.3 + 0.7 * p.Responsiveness))
        {
            _callbackDue = 0;
            return (Reach.Callback, "returns a missed call");
        }
        if (_repairWindow > 0 && !_withdrawn && _hurt < 1.0 && _angryHours == 0 && _rng.Chance(p.RepairPropensity))
        {
            _repairWindow = 0;
            return (Reach.Repair, "makes up");
        }
        if (_stance <= 0.1 || _angryHours > 0 || _restHours > 0) return (Reach.None, "");
        if (_distress > ProtestAbove)
        {
            if (!_rng.Chance(Math.Min(0.85, 0.25 + 0.4 * _distress))) return (Reach.None, "");
            // The tone follows the state: hurt (a rebuff where an answer was expected stings most, as after a good
            // weekend) makes it a reproach, fear without hurt a plea for confirmation; past consoling she shouts.
            bool reproach = _distress >= p.InconsolableAt || _hurt >= ReproachAt * _distress;
            return reproach ? (Reach.Protest, "distress") : (Reach.Plea, "distress");
        }
        return _rng.Chance(0.6 * (_stance - 0.1) * (0.4 + 0.6 * _expected)) ? (Reach.Bid, "wants contact") : (Reach.None, "");
    }

    private Readiness Ready(PartnerParameters p, Circumstances own)
    {
        // Four 16-bit uniforms from one draw: ample resolution for four yes/no answers.
        ulong x = _rng.Next();
        const double Unit = 1.0 / 65536;
        double u0 = (x & 0xFFFF) * Unit, u1 = (x >> 16 & 0xFFFF) * Unit, u2 = (x >> 32 & 0xFFFF) * Unit, u3 = (x >> 48) * Unit;
        bool reachable = !own.Asleep && u0 < own.Availability;
        _reachable = reachable;
        double answer = p.Responsiveness * (_withdrawn ? 0.7 : 1) * (1 - Math.Min(0.9, 0.5 * _hurt)) * (_angryHours > 0 ? 0.15 : 1);
        return new Readiness(
            reachable,
            AnswersBid: u1 < answer,
            AnswersProtest: u1 * (1 + 0.5 * _engulfment) < answer,
            AcceptsRepair: u2 < (0.4 + 0.6 * p.RepairPropensity) * (_hurt < 1.2 ? 1 : 0.2) * (_angryHours > 0 ? 0.3 : 1),
            AcceptsCallback: u3 < (_angryHours > 0 ? 0.1 : 1 - Math.Min(0.9, 0.5 * _hurt)));
    }

    /// <summary>Phase 2 of an hour: take in how the reaches went.</summary>
    public Settlement Settle(in TickOutcome o)
    {
        var p = _p;
        var events = ImmutableArray<SimEvent>.Empty;

        bool asked = o.OwnReach is Reach.Bid or Reach.Protest or Reach.Plea;
        switch (o.OwnOutcome)
        {
            case Outcome.Answered or Outcome.Soothed or Outcome.Accepted:
                if (o.OwnOutcome != Outcome.Answered || _distress < p.InconsolableAt) _distress *= 1 - p.Soothability;
                if (o.OwnReach == Reach.Repair) { _hurt *= 0.4; _repairWindow = 0; }
                _hurt *= 0.8;
                // What one expects of one's bids is learned from bids; an accepted repair or call-back does not
                // end a run of unanswered bids.
                if (asked) { _unanswered = 0; Learn(1); }
                break;
            case Outcome.Rebuffed or Outcome.Missed or Outcome.Refused:
                // A rebuff hurts in proportion to how much an answer was expected (a prediction error):
                // from a usually warm partner it stings; from one who rarely answers, much less.
                double sting = o.OwnOutcome == Outcome.Missed ? 0.3 : o.OwnReach is Reach.Protest or Reach.Plea ? 1.0 : 0.6;
                _hurt += p.HurtPerRebuff * p.Reactivity * sting * 2 * _expected;
                if (o.OwnOutcome != Outcome.Missed) _repairWindow = RepairHours;
                // No answer: the alarm rises (primal panic); less when the partner was only out of reach.
                _distress += 0.4 * p.ThreatGain * p.Reactivity * (o.OwnOutcome == Outcome.Missed ? 0.5 : 1);
                if (asked)
                {
                    // Persistence rule (Gallistel & Gibbon): give up once the run of unanswered bids is long
                    // compared with the wait the partner's past answers led one to expect. An early wound
                    // reacts sooner (Hendrix): its tolerance is divided by the reactivity.
                    _unanswered++;
                    Learn(0);
                    if (_unanswered >= Math.Max(2, Math.Round(p.Persistence / (p.Reactivity * Math.Max(0.05, _expected)))))
                    {
                        // The anxious in distress turn pursuit into angry rejection (she slams the phone down);
                        // calm, or not anxious, one just stops asking for a while.
                        bool inAnger = _anxiety > 0.4 && _distress > ProtestAbove;
                        events = [new SimEvent(o.Tick, o.Time, Id, EventKinds.GiveUp, _partnerId, Outcomes.None,
                            $"{_unanswered} bids unanswered", inAnger ? Tones.Angry : Tones.None)];
                        if (inAnger) BecomeAngry((int)Math.Round(3 + 8 * _anxiety), RebuffAnger);
                        else if (_anxiety <= 0.4) _angryHours = 0;
                        _restHours = RestHours;
                        _unanswered = 0;
                        _hurt += 0.3;
                    }
                }
                break;
        }

        // Sent the partner away (he was there to be sent): she turns away in anger for the rest of the evening.
        if (o.OwnReach == Reach.SendAway && o.OwnOutcome == Outcome.None)
        {
            _sentAway = true;
            BecomeAngry((int)Math.Round(3 + 8 * _anxiety), RebuffAnger);
        }

        switch (o.Response)
        {
            case Outcome.Missed: _callbackDue = CallbackHours; break;
            case Outcome.Rebuffed or Outcome.Refused: _repairWindow = RepairHours; break;
        }

        if (o.Rejected > 0)
        {
            _hurt += 1.5 * o.Rejected * p.Reactivity * (0.4 + _anxiety);
            _repairWindow = RepairHours;
            if (_anxiety > 0.4) BecomeAngry((int)Math.Round(3 + 8 * _anxiety), RebuffAnger); // turns away hurt and angry
        }

        // Earned security: anxiety drifts towards what the partner's answers warrant, pulled back to where it began.
        if (p.SecurityDrift > 0)
        {
            double warranted = Math.Clamp(1.15 * (1 - _expectedLong), 0, 1);
            _anxiety += p.SecurityDrift * ((warranted - _anxiety) + 0.3 * (_originalAnxiety - _anxiety));
        }

        var snapshot = new PartnerSnapshot(_stance, _distress, _hurt, _withdrawn,
            PartnerParameters.Score(_anxiety), _spec.Avoidance, _now);
        return new Settlement(snapshot, events);
    }

    /// <summary>
    /// Stretching (Hendrix) is a practice: the habit takes hold over days to weeks of waking hours towards the
    /// strength committed to, and in a flood of distress or engulfment the old strategy comes back for a while
    /// (a relapse). Returned in steps of 1/50, so the parameters are re-derived only when it has moved.
    /// </summary>
    private double Stretching(double commitment, bool asleep)
    {
        if (commitment <= 0 && _practice <= 0) return 0;
        if (!asleep) _practice += (commitment - _practice) * PracticeRate;
        double lapse = Math.Clamp((_distress + _engulfment - 1.0) / 2, 0, 1);
        return Math.Round(_practice * (1 - lapse) * 50) / 50;
    }

    /// <summary>Anger lasts the longer of the two episodes and pushes away as hard as the stronger.</summary>
    private void BecomeAngry(int hours, double strength)
    {
        _angerStrength = _angryHours > 0 ? Math.Max(_angerStrength, strength) : strength;
        _angryHours = Math.Max(_angryHours, hours);
    }

    private void Learn(double answered)
    {
        // The first answers teach the most: the rate starts at 1/(PriorBids + 1) and settles at LearningRate,
        // so a new partner's answer rate is learned within days rather than weeks.
        _experience = _experience * (1 - LearningRate) + 1;
        _expected += (answered - _expected) / _experience;
        _expectedLong += SlowLearningRate * (answered - _expectedLong);
    }

    /// <summary>Re-derives parameters when anxiety has drifted noticeably or stretching changed.</summary>
    private void Rederive(double stretch, double? derivedAt = null)
    {
        if (derivedAt is not null || Math.Abs(_anxiety - _derivedAt) > 0.002 || double.IsNaN(_derivedAt))
        {
            _derivedAt = derivedAt ?? _anxiety;
            _base = PartnerParameters.Derive(_spec with { Anxiety = PartnerParameters.Score(_derivedAt) });
            _stretchAt = double.NaN;
        }
        if (stretch != _stretchAt) // also when _stretchAt is NaN: nothing equals NaN
        {
            _p = Adjust(_base, _awareness, stretch, _minimiser);
            _stretchAt = stretch;
            _decayDistress = PortableMath.Exp(-1 / _p.RuminationHours);
            _decayHurt = PortableMath.Exp(-1 / _p.HurtDecayHours);
        }
    }

    /// <summary>
    /// A buried need made conscious raises wanted closeness and sensitivity to distance; stretching
    /// (Hendrix) moves each partner towards the other's need: wanted closeness towards the middle,
    /// less alarm and less engulfment, more answers and more repair.
    /// </summary>
    public static PartnerParameters Adjust(PartnerParameters p, double awareness, double stretch, bool minimiser)
    {
        if (awareness > 0)
            p = p with
            {
                DesiredCloseness = Math.Min(1, p.DesiredCloseness + 0.35 * awareness),
                ThreatGain = p.ThreatGain + 0.4 * awareness,
                Affiliation = p.Affiliation + 0.4 * awareness,
            };
        if (stretch > 0)
            p = p with
            {
                DesiredCloseness = p.DesiredCloseness + stretch * 0.6 * (0.5 - p.DesiredCloseness),
                ThreatGain = p.ThreatGain * (1 - 0.5 * stretch),
                EngulfmentGain = p.EngulfmentGain * (1 - 0.5 * stretch),
                Responsiveness = p.Responsiveness + stretch * 0.5 * (1 - p.Responsiveness),
                RepairPropensity = p.RepairPropensity + stretch * 0.5 * (0.9 - p.RepairPropensity),
                Affiliation = p.Affiliation + (minimiser ? 0.25 * stretch : 0),
            };
        return p;
    }

    private static string WithdrawReason(double stress, double pressure, double excess, double distress, double hurt, double anger, string stressWord)
    {
        double best = Math.Max(Math.Max(Math.Max(stress, pressure), hurt), Math.Max(Math.Max(excess, distress), anger));
        if (best <= 0 || best == hurt) return "hurt";
        if (best == stress) return stressWord;
        if (best == pressure) return "pressure to be close";
        if (best == excess) return "too close for comfort";
        if (best == anger) return "anger";
        return "self-soothing";
    }
}
