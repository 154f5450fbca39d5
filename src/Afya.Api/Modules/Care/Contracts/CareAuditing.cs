namespace Afya.Api.Modules.Care.Contracts;

/// <summary>The action a route's audit entry names ("patient.read"), read by the audit filter on the route's group.</summary>
public sealed record AuditAction(string Name);

/// <summary>Why a route on an audited group deliberately writes no entry (a directory without patient data, ...).</summary>
public sealed record NotAudited(string Reason);

/// <summary>Marks the endpoints of a group that carries Care's audit filter.</summary>
public sealed class CareAuditedGroup
{
    /// <summary>The one instance.</summary>
    public static readonly CareAuditedGroup Instance = new();
}

/// <summary>
/// Care's audit trail, one style everywhere: the filter sits on the route group (Care's, Wearables', a seed surface's copy of
/// care routes) and writes one entry per request after the route answers, refusals included, named by the route's
/// <see cref="AuditedAs{TBuilder}"/>. Every route under such a group says <see cref="AuditedAs{TBuilder}"/> or
/// <see cref="Unaudited{TBuilder}"/>; a test fails for one that says neither.
/// </summary>
public static class CareAuditing
{
    /// <summary>Puts the audit filter on a group.</summary>
    public static RouteGroupBuilder WithCareAudit(this RouteGroupBuilder group) =>
        group.AddEndpointFilter<AuditFilter>().WithMetadata(CareAuditedGroup.Instance);

    /// <summary>The route's requests are audited as <paramref name="action"/>.</summary>
    public static TBuilder AuditedAs<TBuilder>(this TBuilder builder, string action) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditAction(action));

    /// <summary>The route (or every route of a group) writes no entry, for the reason given.</summary>
    public static TBuilder Unaudited<TBuilder>(this TBuilder builder, string reason) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new NotAudited(reason));
}
