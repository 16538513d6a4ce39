using Microsoft.CodeAnalysis;

namespace Gateway.Generator.Model;

/// <summary>A diagnostic as plain data: descriptor id, location and message arguments.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor, location, arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Cast<object>(Arguments)));

    public bool Equals(DiagnosticInfo? other) =>
        other is not null && Descriptor.Id == other.Descriptor.Id && Equals(Location, other.Location) && Arguments == other.Arguments;

    public override int GetHashCode() => (Descriptor.Id, Location, Arguments).GetHashCode();
}
