namespace Simulation.Runtime.Hosting;

internal enum GrainKeyKind : byte
{
    String,
    Integer,
    Guid,
}

/// <summary>
/// Identity of a grain: its class and its key. Every grain interface maps to one class, so this is the
/// (grain interface, key) identity callers see, and two interfaces of one class reach the same activation, as in Orleans.
/// </summary>
internal readonly struct GrainId : IEquatable<GrainId>
{
    private readonly string? _stringKey;
    private readonly long _integerKey;
    private readonly Guid _guidKey;

    private GrainId(GrainClassInfo grainClass, string? stringKey, long integerKey, Guid guidKey)
    {
        Class = grainClass;
        _stringKey = stringKey;
        _integerKey = integerKey;
        _guidKey = guidKey;
    }

    public GrainClassInfo Class { get; }

    public static GrainId ForString(GrainClassInfo c, string key) => new(c, key, 0, Guid.Empty);

    public static GrainId ForInteger(GrainClassInfo c, long key) => new(c, null, key, Guid.Empty);

    public static GrainId ForGuid(GrainClassInfo c, Guid key) => new(c, null, 0, key);

    public string GetStringKey() => Class.KeyKind == GrainKeyKind.String
        ? _stringKey!
        : throw WrongKind("string");

    public long GetIntegerKey() => Class.KeyKind == GrainKeyKind.Integer
        ? _integerKey
        : throw WrongKind("integer");

    public Guid GetGuidKey() => Class.KeyKind == GrainKeyKind.Guid
        ? _guidKey
        : throw WrongKind("GUID");

    private InvalidOperationException WrongKind(string asked) =>
        new($"{Class.Type.Name} grains have {Class.KeyKind.ToString().ToLowerInvariant()} keys, not {asked} keys.");

    public bool Equals(GrainId other) =>
        ReferenceEquals(Class, other.Class)
        && _integerKey == other._integerKey
        && _guidKey == other._guidKey
        && string.Equals(_stringKey, other._stringKey, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    public override int GetHashCode() => Class.KeyKind switch
    {
        GrainKeyKind.String => HashCode.Combine(Class, string.GetHashCode(_stringKey, StringComparison.Ordinal)),
        GrainKeyKind.Integer => HashCode.Combine(Class, _integerKey),
        _ => HashCode.Combine(Class, _guidKey),
    };

    public override string ToString() => Class.KeyKind switch
    {
        GrainKeyKind.String => $"{Class.Type.Name}/{_stringKey}",
        GrainKeyKind.Integer => $"{Class.Type.Name}/{_integerKey.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        _ => $"{Class.Type.Name}/{_guidKey:D}",
    };
}
