namespace Simulation.Runtime;

/// <summary>Marker for anything callable through a grain reference (Orleans: <c>IAddressable</c>).</summary>
public interface IAddressable;

/// <summary>Marker for grain interfaces (Orleans: <c>IGrain</c>).</summary>
public interface IGrain : IAddressable;

/// <summary>A grain whose identity is a string key (Orleans: <c>IGrainWithStringKey</c>).</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>A grain whose identity is an integer key (Orleans: <c>IGrainWithIntegerKey</c>).</summary>
public interface IGrainWithIntegerKey : IGrain;

/// <summary>A grain whose identity is a GUID key (Orleans: <c>IGrainWithGuidKey</c>).</summary>
public interface IGrainWithGuidKey : IGrain;

/// <summary>Makes grain references. Getting a reference activates nothing (Orleans: <c>IGrainFactory</c>).</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey;
    TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey;
    TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey;
}

/// <summary>The client side of a running host (Orleans: <c>IClusterClient</c>).</summary>
public interface IClusterClient : IGrainFactory;

/// <summary>All requests to grains of this class may interleave at awaits (Orleans: <c>[Reentrant]</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>This interface method may interleave with any request (Orleans: <c>[AlwaysInterleave]</c>).</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AlwaysInterleaveAttribute : Attribute;
