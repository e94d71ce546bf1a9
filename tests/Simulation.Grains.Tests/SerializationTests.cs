using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Simulation.Model;

namespace Simulation.Grains.Tests;

/// <summary>
/// Every type a grain call carries has an Orleans serializer and copier, and real values survive both
/// unchanged. A message type without one fails only at run time (the build does not warn), so this is
/// the check that catches it: the type list comes from the grain interfaces themselves.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SerializationTests(ClusterFixture fixture)
{
    private readonly IServiceProvider _services = fixture.Client.ServiceProvider;

    /// <summary>Parameter and result types of every method of the simulation's grain interfaces.</summary>
    public static TheoryData<Type> MessageTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var t in GrainMessageTypes()) data.Add(t);
        return data;
    }

    private static IEnumerable<Type> GrainMessageTypes() =>
        typeof(ICoupleGrain).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(Unwrap(m.ReturnType)))
            .Where(t => t != typeof(void))
            .Distinct()
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static Type Unwrap(Type t) =>
        t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(ValueTask<>) || t.GetGenericTypeDefinition() == typeof(Task<>))
            ? t.GetGenericArguments()[0]
            : t == typeof(ValueTask) || t == typeof(Task) ? typeof(void) : t;

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Every_message_type_has_a_codec_and_a_copier(Type type)
    {
        var codecs = _services.GetRequiredService<ICodecProvider>();
        Assert.NotNull(codecs.GetCodec(type));
        Assert.NotNull(codecs.GetDeepCopier(type));
    }

    [Fact]
    public void Real_values_of_every_message_type_survive_serialization_and_copying_unchanged()
    {
        var samples = Samples();
        // A new message type needs a sample here, so this test covers it too.
        Assert.DoesNotContain(GrainMessageTypes(), t => !samples.Any(s => t.IsInstanceOfType(s)));

        var serializer = _services.GetRequiredService<Serializer>();
        var copier = _services.GetRequiredService<DeepCopier>();
        foreach (var sample in samples)
        {
            // As its own type, as a grain call carries it (untyped, a foreign enum would come back as its number).
            var trip = typeof(SerializationTests).GetMethod(nameof(RoundTrip), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(sample.GetType());
            var (read, copied) = ((object?, object?))trip.Invoke(null, [serializer, copier, sample])!;
            AssertSame(sample, read, sample.GetType().Name);
            AssertSame(sample, copied, sample.GetType().Name + " (copy)");
        }
    }

    private static (object?, object?) RoundTrip<T>(Serializer serializer, DeepCopier copier, T value) =>
        (serializer.Deserialize<T>(serializer.SerializeToArray(value)), copier.Copy(value));

    [Fact]
    public async Task A_grains_exception_reaches_the_caller_with_its_type_and_run()
    {
        string id = CoupleRuns.NewRunId();
        var ex = await Assert.ThrowsAsync<RunNotStartedException>(() => fixture.Client.GetGrain<ICoupleGrain>(id).StepAsync(1).AsTask());
        Assert.Equal(id, ex.RunId);
    }

    /// <summary>Values as a run really produces them: a couple with happenings, an intervention and overrides, part-way through.</summary>
    private static List<object> Samples()
    {
        var spec = Couples.Make(6, 2, 2, 5.5, 3, hours: 60);
        spec = spec with { Partners = spec.Partners.SetItem(0, spec.Partners[0] with { Overrides = ImmutableDictionary<string, double>.Empty.Add("responsiveness", 0.8) }) };
        var relationship = new Relationship(spec);
        var minds = new[] { new PartnerMind(spec.Partners[0], spec.Partners[1].Id, spec.Seed), new PartnerMind(spec.Partners[1], spec.Partners[0].Id, spec.Seed) };
        var timeline = new Timeline.Builder(spec.Start);
        var events = new List<SimEvent>();
        TickContext context = default;
        PartnerMove move = default;
        TickOutcome outcome = default;
        Settlement settlement = default;
        for (int t = 0; t < 40; t++)
        {
            events.AddRange(relationship.Announcements());
            context = relationship.Context(0);
            var a = minds[0].Decide(context);
            var b = minds[1].Decide(relationship.Context(1));
            events.AddRange(relationship.Resolve(a, b, out var oa, out var ob));
            var hour = relationship.Close();
            var sa = minds[0].Settle(oa);
            var sb = minds[1].Settle(ob);
            timeline.Add(hour, sa, sb);
            if (!a.Events.IsDefaultOrEmpty || a.Reach != Reach.None) move = a;
            if (oa.OwnOutcome != Outcome.None) outcome = oa;
            if (!sa.Events.IsDefaultOrEmpty) settlement = sa;
            events.AddRange(a.Events.Concat(b.Events).Concat(sa.Events).Concat(sb.Events));
        }
        Assert.NotEqual(default, move);
        Assert.NotEqual(default, outcome);
        var run = new RunResult(spec, CoupleSimulation.Resolve(spec), timeline.ToTimeline(), [.. events]);
        var states = ImmutableArray.Create(minds[0].Export(), minds[1].Export());
        return
        [
            spec, spec.Partners[0], minds[0].Export(), relationship.Export(), run, run.Timeline,
            new HourCall(outcome, context), new HourCall(null, context), new HourCall(outcome, null),
            new HourReply(settlement, move), new HourReply(null, move), new HourReply(settlement, null),
            new TickBatch(run.Timeline, 30, [.. events.Where(e => e.Tick >= 30)], false),
            new CoupleSnapshot(spec, relationship.Export(), states, run.Timeline, run.Events),
            new InterventionChange(InterventionKind.Stretch, ["ann", "bob"], 0.7),
            new TraitChange("bob", Avoidance: 3, Wound: Wound.Early),
            new SweepBatch("name: x\n", "x.yaml", ["alma.anxiety=3"], "1w", [new SweepJob(4, ["will.avoidance=2"], 9)], WithCloseness: true),
            new SweepResults([new Simulation.Sweeps.RunFigures(4, 0.5, 0.75, 12, [new(3, 4, 0.25, 1.5, 1), new(0, 0, 0, 0.1, 0)], [true, false])],
                [[0.5, 0.51, 0.49]]),
            "ann", 42, 7UL, 3.5, Wound.Late, new RunNotStartedException("run-x"),
        ];
    }

    /// <summary>Structurally equal: the same type, and every field (private ones too) the same, collections element by element.</summary>
    private static void AssertSame(object? expected, object? actual, string path)
    {
        if (expected is null) { Assert.True(actual is null, $"{path}: expected null"); return; }
        Assert.True(actual is not null, $"{path}: null after the trip");
        var type = expected.GetType();
        Assert.True(type == actual!.GetType(), $"{path}: {type} became {actual.GetType()}");
        switch (expected)
        {
            case double d:
                Assert.True(BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits((double)actual), $"{path}: {d:R} became {actual:R}");
                return;
            case string or bool or int or long or ulong or byte or Enum or DateTime or TimeOnly or DayOfWeek:
                Assert.True(expected.Equals(actual), $"{path}: {expected} became {actual}");
                return;
            case Exception ex:
                Assert.Equal(ex.Message, ((Exception)actual).Message);
                break;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>)
            && (bool)type.GetProperty("IsDefault")!.GetValue(expected)!)
        {
            Assert.True((bool)type.GetProperty("IsDefault")!.GetValue(actual)!, $"{path}: a default array became filled");
            return;
        }
        if (expected is IDictionary dictionary)
        {
            var other = (IDictionary)actual;
            Assert.Equal(dictionary.Count, other.Count);
            foreach (DictionaryEntry e in dictionary) AssertSame(e.Value, other[e.Key], $"{path}[{e.Key}]");
            return;
        }
        if (expected is IEnumerable sequence and not Timeline)
        {
            var (left, right) = (sequence.Cast<object?>().ToList(), ((IEnumerable)actual).Cast<object?>().ToList());
            Assert.True(left.Count == right.Count, $"{path}: {left.Count} items became {right.Count}");
            for (int i = 0; i < left.Count; i++) AssertSame(left[i], right[i], $"{path}[{i}]");
            return;
        }
        if (expected is Exception) return; // the message is what the callers read
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                AssertSame(field.GetValue(expected), field.GetValue(actual), $"{path}.{field.Name}");
    }
}
