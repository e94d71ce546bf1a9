using System.Linq.Expressions;
using System.Reflection;

namespace Simulation.Runtime.Hosting;

/// <summary>The four return shapes a grain method may have.</summary>
internal enum ReturnShape : byte
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>Result type of methods returning plain Task or ValueTask.</summary>
internal readonly struct VoidResult;

/// <summary>
/// Calls one grain interface method on a grain object, compiled once per method (no reflection per call).
/// The grain's result is normalised to <see cref="ValueTask{TResult}"/> and converted back to the declared shape for the caller.
/// </summary>
internal abstract class MethodInvoker
{
    protected MethodInvoker(MethodInfo method, bool interleave)
    {
        Method = method;
        Interleave = interleave;
    }

    public MethodInfo Method { get; }

    /// <summary>True when the class is [Reentrant] or the interface method is [AlwaysInterleave].</summary>
    public bool Interleave { get; }

    public string DisplayName => $"{Method.DeclaringType?.Name}.{Method.Name}";

    /// <summary>Performs a call through <paramref name="reference"/>; returns what the proxy method returns.</summary>
    public abstract object Invoke(GrainReference reference, object?[] args);

    public static ReturnShape? ShapeOf(Type returnType)
    {
        if (returnType == typeof(Task))
        {
            return ReturnShape.Task;
        }

        if (returnType == typeof(ValueTask))
        {
            return ReturnShape.ValueTask;
        }

        if (returnType.IsGenericType)
        {
            var definition = returnType.GetGenericTypeDefinition();
            if (definition == typeof(Task<>))
            {
                return ReturnShape.TaskOfT;
            }

            if (definition == typeof(ValueTask<>))
            {
                return ReturnShape.ValueTaskOfT;
            }
        }

        return null;
    }

    public static MethodInvoker Create(MethodInfo method, GrainClassInfo grainClass)
    {
        var shape = ShapeOf(method.ReturnType)
            ?? throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name} does not return a Task or ValueTask.");
        var resultType = shape is ReturnShape.TaskOfT or ReturnShape.ValueTaskOfT
            ? method.ReturnType.GetGenericArguments()[0]
            : typeof(VoidResult);
        var interleave = grainClass.Reentrant || method.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: false);
        var invokerType = typeof(MethodInvoker<>).MakeGenericType(resultType);
        return (MethodInvoker)Activator.CreateInstance(invokerType, method, shape, interleave)!;
    }
}

internal sealed class MethodInvoker<T> : MethodInvoker
{
    private static readonly object s_completedValueTask = default(ValueTask);

    private readonly ReturnShape _shape;

    public MethodInvoker(MethodInfo method, ReturnShape shape, bool interleave)
        : base(method, interleave)
    {
        _shape = shape;
        Call = Compile(method, shape);
    }

    /// <summary>(grain, args) => grain.Method(args...) as a ValueTask&lt;T&gt;.</summary>
    public Func<object, object?[], ValueTask<T>> Call { get; }

    public override object Invoke(GrainReference reference, object?[] args) => reference.Invoke(this, args);

    /// <summary>The caller's view of a result that is already complete.</summary>
    public object FromCompleted(ValueTask<T> result) => _shape switch
    {
        ReturnShape.ValueTaskOfT => result,
        ReturnShape.TaskOfT => result.AsTask(),
        ReturnShape.Task => result.IsCompletedSuccessfully ? Task.CompletedTask : result.AsTask(),
        _ => result.IsCompletedSuccessfully ? s_completedValueTask : new ValueTask(result.AsTask()),
    };

    /// <summary>The caller's view of a pending result.</summary>
    public object FromTask(Task<T> task) => _shape switch
    {
        ReturnShape.ValueTaskOfT => new ValueTask<T>(task),
        ReturnShape.ValueTask => new ValueTask(task),
        _ => task,
    };

    public object FromException(Exception exception) => FromCompleted(ValueTask.FromException<T>(exception));

    private static Func<object, object?[], ValueTask<T>> Compile(MethodInfo method, ReturnShape shape)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters();
        var arguments = new Expression[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            arguments[i] = Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), parameters[i].ParameterType);
        }

        Expression call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, arguments);
        call = shape switch
        {
            ReturnShape.ValueTaskOfT => call,
            ReturnShape.TaskOfT => Expression.New(typeof(ValueTask<T>).GetConstructor([typeof(Task<T>)])!, call),
            ReturnShape.Task => Expression.Call(typeof(ResultShapes).GetMethod(nameof(ResultShapes.FromTask))!, call),
            _ => Expression.Call(typeof(ResultShapes).GetMethod(nameof(ResultShapes.FromValueTask))!, call),
        };
        return Expression.Lambda<Func<object, object?[], ValueTask<T>>>(call, grain, args).Compile();
    }
}

internal static class ResultShapes
{
    public static ValueTask<VoidResult> FromTask(Task task) =>
        task.IsCompletedSuccessfully ? default : AwaitTask(task);

    public static ValueTask<VoidResult> FromValueTask(ValueTask task) =>
        task.IsCompletedSuccessfully ? default : AwaitValueTask(task);

    private static async ValueTask<VoidResult> AwaitTask(Task task)
    {
        await task.ConfigureAwait(false);
        return default;
    }

    private static async ValueTask<VoidResult> AwaitValueTask(ValueTask task)
    {
        await task.ConfigureAwait(false);
        return default;
    }
}
