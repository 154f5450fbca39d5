using Afya.Api.Modules.Clinic.Data;
using Afya.Api.Platform.Cli;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Clinic;

// The Kuwait clinic's sample packages (KWD) and one KES package for M-Pesa; added once, by English name.
internal sealed class ClinicSampleData : ISampleData
{
    public int Order => 30;

    private static readonly (string En, string Ar, string DescEn, string DescAr, long Minor, string Currency, int Days, (string, int)[] Services)[] Samples =
    [
        ("Basic Health Package", "باقة الصحة الأساسية", "General consultation and basic lab tests", "استشارة عامة وفحوصات مخبرية أساسية", 25_000, "KWD", 30,
            [("consultation", 2), ("lab_panel", 1)]),
        ("Premium Health Package", "باقة الصحة المميزة", "Consultations, full lab panels and a specialist visit", "استشارات وفحوصات مخبرية شاملة وزيارة أخصائي",
            75_500, "KWD", 90, [("consultation", 4), ("lab_panel", 2), ("specialist_visit", 1)]),
        ("Family Care Package", "باقة رعاية العائلة", "Care for the whole family for a year", "رعاية للعائلة كاملة لمدة عام", 150_750, "KWD", 365,
            [("consultation", 12), ("lab_panel", 4), ("vaccination", 4)]),
        ("Afya Wellness (Kenya)", "باقة العافية (كينيا)", "Two consultations and a lab panel, paid with M-Pesa", "استشارتان وفحص مخبري، الدفع عبر إم-بيسا",
            250_050, "KES", 30, [("consultation", 2), ("lab_panel", 1)]),
    ];

    public async Task<string> SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var added = 0;
        for (var i = 0; i < Samples.Length; i++)
        {
            var s = Samples[i];
            if (await db.Set<ServicePackage>().AnyAsync(p => p.NameEn == s.En, ct)) continue;
            db.Add(new ServicePackage
            {
                NameEn = s.En, NameAr = s.Ar, DescriptionEn = s.DescEn, DescriptionAr = s.DescAr, PriceMinor = s.Minor, Currency = s.Currency,
                DurationDays = s.Days, DisplayOrder = i, CreatedAt = now, UpdatedAt = now,
                Services = s.Services.Select(x => new PackageService { Service = x.Item1, Count = x.Item2 }).ToList(),
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return $"Clinic: {added} sample packages added ({Samples.Length - added} already there).";
    }
}
