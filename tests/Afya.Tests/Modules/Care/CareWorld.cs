using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Afya.Api.Modules.Care;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Care;

public sealed record CareUser(HttpClient Client, string UserId, string Email, string Access);

// Builds the people of a care test: patients with their own records, doctor and hospital-admin accounts, through the API.
public sealed class CareWorld(AfyaFactory app)
{
    private CareUser? _admin;

    public AfyaFactory App => app;

    // A valid Aadhaar number nobody else in the run uses: 11 random digits (first 2-9) and the Verhoeff check digit.
    public static string NewAadhaar()
    {
        var body = RandomNumberGenerator.GetInt32(2, 10).ToString(System.Globalization.CultureInfo.InvariantCulture)
            + RandomNumberGenerator.GetInt32(0, 1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture)
            + RandomNumberGenerator.GetInt32(0, 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var check = 0; check < 10; check++)
            if (Aadhaar.VerhoeffValid(body + check)) return body + check;
        throw new InvalidOperationException("No Verhoeff check digit found.");
    }

    public async Task<CareUser> AdminAsync()
    {
        if (_admin is not null) return _admin;
        var session = await app.AdminAsync();
        return _admin = new CareUser(app.Client().WithToken(session.Access), session.UserId, session.Email, session.Access);
    }

    public async Task<CareUser> UserAsync()
    {
        var s = await app.Client().RegisterAsync();
        return new CareUser(app.Client().WithToken(s.Access), s.UserId, s.Email, s.Access);
    }

    public async Task<(CareUser User, string PatientId, string Uid)> PatientAsync(string? aadhaar = null)
    {
        var email = Calls.UniqueEmail("patient");
        var body = await (await app.Client().PostJson("/api/v1/auth/register/patient", new
        {
            email, password = "correct-horse-1", name = "Asha Patel", aadhaar_number = aadhaar ?? NewAadhaar(), date_of_birth = "1990-04-12", gender = "female",
        })).ShouldBe(HttpStatusCode.Created);
        var access = body["access"]!.GetValue<string>();
        return (new CareUser(app.Client().WithToken(access), body["user"]!["id"]!.GetValue<string>(), email, access),
            body["patient"]!["id"]!.GetValue<string>(), body["patient"]!["patient_uid"]!.GetValue<string>());
    }

    public async Task<string> HospitalAsync()
    {
        var admin = await AdminAsync();
        var body = await (await admin.Client.PostJson("/api/v1/hospitals", new
        {
            name = "Hospital " + Guid.NewGuid().ToString("N")[..6], registration_number = "REG-" + Guid.NewGuid().ToString("N")[..10], county = "Nairobi",
        })).ShouldBe(HttpStatusCode.Created);
        return body["id"]!.GetValue<string>();
    }

    // An account granted `role` by an admin, signed in again so its token carries the role.
    public async Task<CareUser> WithRoleAsync(string role)
    {
        var s = await app.Client().RegisterAsync();
        var admin = await AdminAsync();
        await (await admin.Client.PatchJson($"/api/v1/admin/users/{s.UserId}", new { roles = new[] { role } })).ShouldBe(HttpStatusCode.OK);
        var login = await (await app.Client().PostJson("/api/v1/auth/login", new { email = s.Email, password = s.Password })).ShouldBe(HttpStatusCode.OK);
        var access = login["access"]!.GetValue<string>();
        return new CareUser(app.Client().WithToken(access), s.UserId, s.Email, access);
    }

    // A doctor account and its directory entry at a hospital (a new one unless named), linked by that hospital's administrator:
    // the only one who may link an entry to an account.
    public async Task<(CareUser User, string DoctorId)> DoctorAsync(string? hospitalId = null)
    {
        var user = await WithRoleAsync("doctor");
        var id = await LinkDoctorAsync(hospitalId, user, new { name = "Dr. " + Guid.NewGuid().ToString("N")[..6], specialization = "Cardiology", experience = 12 });
        return (user, id);
    }

    // Creates a directory entry from `entry` plus hospital_id and user_id, as the hospital's administrator; returns its id.
    public async Task<string> LinkDoctorAsync(string? hospitalId, CareUser account, object entry)
    {
        hospitalId ??= await HospitalAsync();
        var linker = await LinkerAsync(hospitalId);
        var body = System.Text.Json.JsonSerializer.SerializeToNode(entry, Calls.Json)!.AsObject();
        body["hospital_id"] = hospitalId;
        body["user_id"] = account.UserId;
        var doctor = await (await linker.Client.PostAsync("/api/v1/doctors", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json")))
            .ShouldBe(HttpStatusCode.Created);
        return doctor["id"]!.GetValue<string>();
    }

    private readonly Dictionary<string, CareUser> _linkers = new(StringComparer.Ordinal);

    // One administrator per hospital links that hospital's doctors.
    private async Task<CareUser> LinkerAsync(string hospitalId)
    {
        if (_linkers.TryGetValue(hospitalId, out var linker)) return linker;
        linker = await HospitalAdminAsync(hospitalId);
        lock (_linkers) _linkers[hospitalId] = linker;
        return linker;
    }

    public async Task<CareUser> HospitalAdminAsync(string hospitalId)
    {
        var user = await WithRoleAsync("hospital_admin");
        var admin = await AdminAsync();
        (await admin.Client.PostJson($"/api/v1/hospitals/{hospitalId}/staff", new { user_id = user.UserId })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return user;
    }

    public static async Task<string> ConsentAsync(CareUser patient, object grant)
    {
        var body = await (await patient.Client.PostJson("/api/v1/consents", grant)).ShouldBe(HttpStatusCode.Created);
        return body["id"]!.GetValue<string>();
    }

    public static JsonArray Results(JsonNode page) => page["results"]!.AsArray();

    public static byte[] Pdf(string marker) => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {marker}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static async Task<HttpResponseMessage> UploadAsync(CareUser user, string patientId, byte[] content, string type = "lab_result", string fileName = "result.pdf")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(patientId), "patient_id" },
            { new StringContent(type), "type" },
            { new StringContent("Blood panel"), "title" },
            { new ByteArrayContent(content), "file", fileName },
        };
        return await user.Client.PostAsync("/api/v1/documents", form);
    }
}
