using Afya.Api.Modules.Appointments.Data;
using Afya.Api.Platform.Cli;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Appointments;

// The technician services a sample shop sells beside its products (KES); added once, by name.
internal sealed class AppointmentsSampleData : ISampleData
{
    public int Order => 40;

    private static readonly (string Name, string Description, long Minor)[] Samples =
    [
        ("Home installation", "A technician sets the device up at your address and shows you how to use it.", 150_000),
        ("Calibration", "Blood pressure monitors, scales and glucometers checked against a reference and adjusted.", 80_000),
        ("Repair visit", "A technician looks at a device that stopped working; parts are quoted separately.", 250_000),
    ];

    public async Task<string> SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var s in Samples)
        {
            if (await db.Set<ServiceOffering>().AnyAsync(x => x.Name == s.Name, ct)) continue;
            db.Add(new ServiceOffering { Name = s.Name, Description = s.Description, PriceMinor = s.Minor, CreatedAt = now, UpdatedAt = now });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return $"Appointments: {added} sample services added ({Samples.Length - added} already there).";
    }
}
