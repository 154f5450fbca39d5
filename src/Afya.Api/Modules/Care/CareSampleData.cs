using System.Text;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Cli;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Care;

// `afya seed`: two Nairobi hospitals, a small doctor directory and, outside Production, a demo patient with a
// consent to one doctor and an encrypted lab result.
internal sealed class CareSampleData(IHostEnvironment environment) : ISampleData
{
    public const string PatientEmail = "patient@afya.local";
    public const string PatientPassword = "afya-demo-2026";

    // A Verhoeff-valid number of the demo's own (the README registers UIDAI's test number 2341 2341 2346, so they
    // never collide); only its keyed hash is stored.
    private const string SampleAadhaar = "900012345675";

    public int Order => 30;

    public async Task<string> SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AfyaDb>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (await db.Set<Hospital>().AnyAsync(h => h.RegistrationNumber == "KNH-0001", ct)) return "Care: sample hospitals already present.";

        var knh = new Hospital { Name = "Kenyatta National Hospital", RegistrationNumber = "KNH-0001", Address = "Hospital Rd, Upper Hill", County = "Nairobi", Phone = "+254202726300", Email = "records@knh.example", CreatedAt = now };
        var akuh = new Hospital { Name = "Aga Khan University Hospital", RegistrationNumber = "AKUH-0002", Address = "3rd Parklands Ave", County = "Nairobi", Phone = "+254203662000", Email = "records@akuh.example", CreatedAt = now };
        db.AddRange(knh, akuh);
        var doctors = new[]
        {
            new Doctor { Name = "Dr. Amina Otieno", Specialization = "Cardiology", Experience = 12, LicenseNumber = "KMPDC-A1001", HospitalId = knh.Id, Email = "a.otieno@knh.example" },
            new Doctor { Name = "Dr. Peter Kamau", Specialization = "Paediatrics", Experience = 8, LicenseNumber = "KMPDC-B2002", HospitalId = akuh.Id },
            new Doctor { Name = "Dr. Grace Wanjiru", Specialization = "General Practice", Experience = 5, LicenseNumber = "KMPDC-C3003" },
        };
        foreach (var d in doctors) { d.CreatedAt = now; d.UpdatedAt = now; }
        db.AddRange(doctors);
        await db.SaveChangesAsync(ct);
        if (environment.IsProduction()) return "Care: 2 hospitals and 3 doctors (no demo patient in Production).";

        var uid = sp.GetRequiredService<PatientUids>().Of(SampleAadhaar);
        if (await db.Set<Patient>().AnyAsync(p => p.PatientUid == uid, ct)) return "Care: 2 hospitals and 3 doctors; the demo patient exists.";
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!(await sp.GetRequiredService<IAccountOpener>().OpenAsync(new NewAccount(PatientEmail, PatientPassword, "Asha Mwende", null), Roles.Patient, ct)).TryGet(out var account, out _)) return $"Care: 2 hospitals and 3 doctors; no demo patient ({PatientEmail} is taken).";
        var patient = new Patient
        {
            CreatedBy = account!.UserId, UserId = account.UserId, Name = "Asha Mwende", DateOfBirth = new DateOnly(1988, 6, 14), Gender = "Female",
            Email = PatientEmail, BloodGroup = "O+", Allergies = "Penicillin", Conditions = "Hypertension", EmergencyContact = "John Mwende +254700000001",
            PatientUid = uid, AadhaarLast4 = SampleAadhaar[8..], CreatedAt = now, UpdatedAt = now,
        };
        db.Add(patient);
        db.Add(new Assignment { PatientId = patient.Id, DoctorId = doctors[2].Id, AssignedBy = account.UserId, AssignedAt = now });
        db.Add(new Consent { PatientId = patient.Id, DoctorId = doctors[0].Id, Scope = ConsentScopes.All, Purpose = "Cardiology follow-up", CreatedAt = now, ExpiresAt = now.AddDays(90) });
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% Afya sample lab result: lipid panel, within range\ntrailer << >>\n%%EOF\n");
        var (key, wrapped) = await sp.GetRequiredService<DocumentVault>().StoreAsync(pdf, ct);
        db.Add(new Document
        {
            PatientId = patient.Id, HospitalId = knh.Id, UploadedBy = account.UserId, Type = "lab_result", Title = "Lipid panel", ContentType = "application/pdf",
            SizeBytes = pdf.Length, StorageKey = key, WrappedKey = wrapped, CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return $"Care: 2 hospitals, 3 doctors, demo patient {PatientEmail} / {PatientPassword} with a consent and a lab result";
    }
}
