namespace Afya.Api.Modules.Appointments.Contracts;

/// <summary>A priced technician service as the cart and checkout see it.</summary>
public sealed record ServiceOffer(int Id, string Name, long PriceMinor, string Currency, bool IsActive);

/// <summary>The priced services customers can put in the cart.</summary>
public interface IServiceCatalog
{
    /// <summary>These services as they are now, active or not; ids of no service are left out.</summary>
    Task<IReadOnlyList<ServiceOffer>> FindAsync(IReadOnlyCollection<int> ids, CancellationToken ct);
}
