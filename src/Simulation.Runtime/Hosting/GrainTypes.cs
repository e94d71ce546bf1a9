using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Simulation.Runtime.Hosting;

/// <summary>A registered grain class: how to construct it and how it schedules requests.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(Type type, GrainKeyKind keyKind, bool reentrant)
    {
        Type = type;
        KeyKind = keyKind;
        Reentrant = reentrant;
    }

    public Type Type { get; }

    public GrainKeyKind KeyKind { get; }

    public bool Reentrant { get; }

    /// <summary>Compiled constructor call with injected singletons (set once the host exists).</summary>
    public Func<Grain> Factory { get; set; } = null!;
}

/// <summary>A grain interface as seen by references: the class behind it and one cached invoker per method.</summary>
internal sealed class GrainInterfaceInfo
{
    private readonly ConcurrentDictionary<MethodInfo, MethodInvoker> _invokers = new();
    private readonly Func<MethodInfo, MethodInvoker> _createInvoker;

    public GrainInterfaceInfo(Type type, GrainClassInfo grainClass)
    {
        Type = type;
        Class = grainClass;
        _createInvoker = m => MethodInvoker.Create(m, Class);
    }

    public Type Type { get; }

    public GrainClassInfo Class { get; }

    private Func<GrainReference>? _createProxy;

    /// <summary>A new, uninitialised proxy implementing <see cref="Type"/>.</summary>
    public GrainReference CreateProxy() => (_createProxy ??= ProxyFactory.For(Type))();

    public MethodInvoker GetInvoker(MethodInfo method) =>
        _invokers.TryGetValue(method, out var invoker) ? invoker : _invokers.GetOrAdd(method, _createInvoker);
}

/// <summary>Finds grain interfaces, checks their methods and builds grain factories.</summary>
internal static class GrainTypeInspector
{
    private static readonly Type[] s_markerInterfaces =
    [
        typeof(IAddressable), typeof(IGrain), typeof(IGrainWithStringKey), typeof(IGrainWithIntegerKey), typeof(IGrainWithGuidKey),
    ];

    public static bool IsGrainClass(Type type) =>
        type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
        && type.IsSubclassOf(typeof(Grain))
        && GrainInterfacesOf(type).Any();

    /// <summary>The grain interfaces a class implements (interfaces deriving from <see cref="IGrain"/>, markers excluded).</summary>
    public static IEnumerable<Type> GrainInterfacesOf(Type type) =>
        type.GetInterfaces()
            .Where(i => typeof(IGrain).IsAssignableFrom(i) && Array.IndexOf(s_markerInterfaces, i) < 0)
            .OrderBy(i => i.FullName, StringComparer.Ordinal);

    public static GrainKeyKind KeyKindOf(Type grainClass)
    {
        var kinds = new List<GrainKeyKind>();
        if (typeof(IGrainWithStringKey).IsAssignableFrom(grainClass))
        {
            kinds.Add(GrainKeyKind.String);
        }

        if (typeof(IGrainWithIntegerKey).IsAssignableFrom(grainClass))
        {
            kinds.Add(GrainKeyKind.Integer);
        }

        if (typeof(IGrainWithGuidKey).IsAssignableFrom(grainClass))
        {
            kinds.Add(GrainKeyKind.Guid);
        }

        return kinds.Count switch
        {
            1 => kinds[0],
            0 => throw new InvalidOperationException(
                $"Grain class {grainClass.Name} implements no IGrainWithStringKey/IntegerKey/GuidKey interface, so it has no key."),
            _ => throw new InvalidOperationException(
                $"Grain class {grainClass.Name} mixes key kinds ({string.Join(", ", kinds)}); a grain has one key."),
        };
    }

    /// <summary>Rejects interface members the host cannot call: only methods returning Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</summary>
    public static void ValidateInterface(Type grainInterface)
    {
        foreach (var i in grainInterface.GetInterfaces().Append(grainInterface))
        {
            if (Array.IndexOf(s_markerInterfaces, i) >= 0)
            {
                continue;
            }

            foreach (var member in i.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                switch (member)
                {
                    case MethodInfo m when m.IsSpecialName:
                        throw new InvalidOperationException($"{i.Name}.{m.Name}: grain interfaces may have methods only, not properties or events.");
                    case MethodInfo m:
                        if (MethodInvoker.ShapeOf(m.ReturnType) is null)
                        {
                            throw new InvalidOperationException(
                                $"{i.Name}.{m.Name} returns {m.ReturnType.Name}; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>.");
                        }

                        if (m.GetParameters().Any(p => p.ParameterType.IsByRef))
                        {
                            throw new InvalidOperationException($"{i.Name}.{m.Name}: grain methods cannot have ref, in or out parameters.");
                        }

                        break;
                    case Type:
                        break;
                    default:
                        throw new InvalidOperationException($"{i.Name}.{member.Name}: grain interfaces may have methods only.");
                }
            }
        }
    }

    /// <summary>
    /// Compiles a constructor call for <paramref name="grainClass"/>, choosing the public constructor with the
    /// most parameters that can all be supplied from registered singletons (plus the grain factory and the time provider).
    /// </summary>
    public static Func<Grain> BuildFactory(Type grainClass, IReadOnlyDictionary<Type, object> services)
    {
        var constructors = grainClass.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .ToList();
        if (constructors.Count == 0)
        {
            throw new InvalidOperationException($"Grain class {grainClass.Name} has no public constructor.");
        }

        var missing = new List<string>();
        foreach (var ctor in constructors)
        {
            var parameters = ctor.GetParameters();
            var args = new Expression[parameters.Length];
            var ok = true;
            for (var i = 0; i < parameters.Length; i++)
            {
                var service = Resolve(parameters[i].ParameterType, services);
                if (service is null)
                {
                    missing.Add($"{parameters[i].ParameterType.Name} {parameters[i].Name}");
                    ok = false;
                    break;
                }

                args[i] = Expression.Constant(service, parameters[i].ParameterType);
            }

            if (ok)
            {
                return Expression.Lambda<Func<Grain>>(Expression.Convert(Expression.New(ctor, args), typeof(Grain))).Compile();
            }
        }

        throw new InvalidOperationException(
            $"Grain class {grainClass.Name}: no constructor can be satisfied; register with AddSingleton: {string.Join(", ", missing.Distinct())}.");
    }

    private static object? Resolve(Type wanted, IReadOnlyDictionary<Type, object> services)
    {
        if (services.TryGetValue(wanted, out var exact))
        {
            return exact;
        }

        var assignable = services.Values.Where(wanted.IsInstanceOfType).Distinct().ToList();
        return assignable.Count == 1 ? assignable[0] : null;
    }
}

/// <summary>
/// Creates DispatchProxy instances without DispatchProxy.Create's per-call reflection: the first proxy is made the
/// documented way, then its generated constructor is compiled into a delegate (falling back to Create if the
/// generated type ever looks different).
/// </summary>
internal static class ProxyFactory
{
    public static Func<GrainReference> For(Type grainInterface)
    {
        var create = typeof(DispatchProxy).GetMethod(nameof(DispatchProxy.Create), 2, Type.EmptyTypes)!
            .MakeGenericMethod(grainInterface, typeof(GrainReference));
        Func<GrainReference> slow = () => (GrainReference)create.Invoke(null, null)!;
        var sample = slow();
        var type = sample.GetType();
        var ctor = type.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, [typeof(MethodInfo[])]);
        var field = type.GetFields(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance)
            .SingleOrDefault(f => f.FieldType == typeof(MethodInfo[]));
        if (ctor is null || field?.GetValue(sample) is not MethodInfo[] methods)
        {
            return slow;
        }

        return Expression.Lambda<Func<GrainReference>>(
            Expression.Convert(Expression.New(ctor, Expression.Constant(methods)), typeof(GrainReference))).Compile();
    }
}
