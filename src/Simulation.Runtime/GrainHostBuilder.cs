using System.Reflection;
using Simulation.Runtime.Hosting;

namespace Simulation.Runtime;

/// <summary>
/// Configures and builds a <see cref="GrainHost"/> (Orleans: the silo builder): which grain classes exist,
/// which singletons their constructors may take, options and the clock.
/// </summary>
public sealed class GrainHostBuilder
{
    private readonly List<Type> _grainClasses = [];
    private readonly Dictionary<Type, object> _services = [];
    private readonly GrainHostOptions _options = new();
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>Registers a grain class for every grain interface it implements.</summary>
    public GrainHostBuilder AddGrain<TGrainClass>()
        where TGrainClass : Grain => AddGrain(typeof(TGrainClass));

    /// <summary>Registers a grain class for every grain interface it implements.</summary>
    public GrainHostBuilder AddGrain(Type grainClass)
    {
        ArgumentNullException.ThrowIfNull(grainClass);
        if (!GrainTypeInspector.IsGrainClass(grainClass))
        {
            throw new ArgumentException(
                $"{grainClass.Name} is not a grain class: it must be a concrete subclass of Grain implementing a grain interface.", nameof(grainClass));
        }

        if (!_grainClasses.Contains(grainClass))
        {
            _grainClasses.Add(grainClass);
        }

        return this;
    }

    /// <summary>Registers every concrete grain class of <paramref name="assembly"/>.</summary>
    public GrainHostBuilder AddGrainsFromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes().Where(GrainTypeInspector.IsGrainClass).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            AddGrain(type);
        }

        return this;
    }

    /// <summary>Makes <paramref name="instance"/> available to grain constructors asking for <typeparamref name="T"/>.</summary>
    public GrainHostBuilder AddSingleton<T>(T instance)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(instance);
        _services[typeof(T)] = instance;
        return this;
    }

    public GrainHostBuilder Configure(Action<GrainHostOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_options);
        return this;
    }

    /// <summary>The clock for grain timers and idle collection (e.g. a manual clock in tests). Default: <see cref="TimeProvider.System"/>.</summary>
    public GrainHostBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        return this;
    }

    /// <summary>Checks every registered grain interface and constructor, and builds the host (not started yet).</summary>
    public GrainHost Build()
    {
        var options = _options.Copy();
        options.Validate();
        var classes = new List<GrainClassInfo>();
        var interfaces = new Dictionary<Type, GrainInterfaceInfo>();
        var ambiguous = new Dictionary<Type, List<Type>>();
        foreach (var type in _grainClasses)
        {
            var info = new GrainClassInfo(type, GrainTypeInspector.KeyKindOf(type), type.IsDefined(typeof(ReentrantAttribute), inherit: false));
            classes.Add(info);
            foreach (var grainInterface in GrainTypeInspector.GrainInterfacesOf(type))
            {
                GrainTypeInspector.ValidateInterface(grainInterface);
                if (interfaces.Remove(grainInterface, out var earlier))
                {
                    ambiguous[grainInterface] = [earlier.Class.Type, type];
                }
                else if (ambiguous.TryGetValue(grainInterface, out var implementers))
                {
                    implementers.Add(type);
                }
                else
                {
                    interfaces.Add(grainInterface, new GrainInterfaceInfo(grainInterface, info));
                }
            }
        }

        var host = new GrainHost(options, _timeProvider, interfaces, ambiguous);
        var services = new Dictionary<Type, object>(_services);
        services.TryAdd(typeof(IGrainFactory), host.Client);
        services.TryAdd(typeof(IClusterClient), host.Client);
        services.TryAdd(typeof(TimeProvider), _timeProvider);
        foreach (var info in classes)
        {
            info.Factory = GrainTypeInspector.BuildFactory(info.Type, services);
        }

        return host;
    }
}
