using System.Net;
using System.Text.Json.Nodes;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Care;

// The Healthcare Backend's README, its Postman flow and its security claims, on its own paths and on the native ones;
// and each flaw of the seed, fixed, as its own test.
public abstract class HealthcareBackendTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : HealthcareBackendTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : HealthcareBackendTests(apps.Postgres);

    private readonly CareWorld _world = new(app);

    public sealed record Paths(string Register, string Login, string Api, bool Bare);

    public static readonly TheoryData<string> PathSets = new() { "seed", "native" };

    private static Paths PathsOf(string set) => set == "seed"
        ? new Paths("/api/auth/register/", "/api/auth/login/", "/api", Bare: true)
        : new Paths("/api/v1/auth/register", "/api/v1/auth/login", "/api/v1", Bare: false);

    private static JsonArray ListOf(JsonNode body, Paths paths) => paths.Bare ? body.AsArray() : body["results"]!.AsArray();

    private async Task<HttpClient> SignedInAsync(Paths paths)
    {
        var email = Calls.UniqueEmail("hb");
        var register = paths.Bare
            ? new { name = "Yousuf Wizdan", email, password = "strongpass1" } as object
            : new { email, password = "strongpass1", name = "Yousuf Wizdan" };
        await (await app.Client().PostJson(paths.Register, register)).ShouldBe(HttpStatusCode.Created);
        var tokens = await (await app.Client().PostJson(paths.Login, new { email, password = "strongpass1" })).ShouldBe(HttpStatusCode.OK);
        return app.Client().WithToken(tokens["access"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(PathSets))]
    public async Task The_README_test_flow_works_step_by_step(string set)
    {
        var paths = PathsOf(set);
        var api = paths.Api;
        var client = await SignedInAsync(paths);

        var patient = await (await client.PostJson($"{api}/patients/", new { name = "John Doe", age = 45, gender = "Male" })).ShouldBe(HttpStatusCode.Created);
        var patientId = patient["id"]!.ToString();
        // The seed's ids are integers (the UUID rides in uuid); the native routes' are UUIDs.
        if (paths.Bare) int.TryParse(patientId, out _).ShouldBeTrue();
        else Guid.TryParse(patientId, out _).ShouldBeTrue();
        patient["name"]!.GetValue<string>().ShouldBe("John Doe");
        patient["age"]!.GetValue<int>().ShouldBe(45);
        patient["gender"]!.GetValue<string>().ShouldBe("Male");
        patient["created_by"].ShouldNotBeNull();
        patient["created_at"].ShouldNotBeNull();
        patient["updated_at"].ShouldNotBeNull();

        var doctor = await (await client.PostJson($"{api}/doctors/", new { name = "Dr. Smith", specialization = "Cardiology", experience = 10 })).ShouldBe(HttpStatusCode.Created);
        var doctorId = doctor["id"]!.ToString();
        doctor["specialization"]!.GetValue<string>().ShouldBe("Cardiology");
        doctor["experience"]!.GetValue<int>().ShouldBe(10);

        var mapping = await (await client.PostJson($"{api}/mappings/", new { patient = patientId, doctor = doctorId })).ShouldBe(HttpStatusCode.Created);
        var mappingId = mapping["id"]!.ToString();
        // GET /api/mappings/{n}/ by a number is the doctors of patient n (the seed README); a mapping itself by its UUID.
        var mappingKey = paths.Bare ? mapping["uuid"]!.ToString() : mappingId;
        mapping["patient"]!.ToString().ShouldBe(patientId);
        mapping["doctor"]!.ToString().ShouldBe(doctorId);
        mapping["assigned_at"].ShouldNotBeNull();
        mapping["patient_details"]!["name"]!.GetValue<string>().ShouldBe("John Doe");
        mapping["doctor_details"]!["specialization"]!.GetValue<string>().ShouldBe("Cardiology");

        var mappings = ListOf(await (await client.GetAsync($"{api}/mappings/")).ShouldBe(HttpStatusCode.OK), paths);
        mappings.Select(m => m!["id"]!.ToString()).ShouldBe([mappingId]);

        // A patient's doctors, at the README's path and at the one its code serves.
        foreach (var url in new[] { $"{api}/mappings/{patientId}/", $"{api}/mappings/patient/{patientId}/" })
            ListOf(await (await client.GetAsync(url)).ShouldBe(HttpStatusCode.OK), paths).Single()!["doctor_details"]!["name"]!.GetValue<string>().ShouldBe("Dr. Smith");
        (await (await client.GetAsync($"{api}/mappings/{mappingKey}/")).ShouldBe(HttpStatusCode.OK))["id"]!.ToString().ShouldBe(mappingId);

        (await client.DeleteAsync($"{api}/mappings/{mappingId}/")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        ListOf(await (await client.GetAsync($"{api}/mappings/")).ShouldBe(HttpStatusCode.OK), paths).Count.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(PathSets))]
    public async Task Patients_and_doctors_have_the_full_crud_the_README_lists(string set)
    {
        var paths = PathsOf(set);
        var api = paths.Api;
        var client = await SignedInAsync(paths);
        var first = (await (await client.PostJson($"{api}/patients", new { name = "Amina Otieno", age = 30, gender = "FEMALE" })).ShouldBe(HttpStatusCode.Created))["id"]!.ToString();
        var second = (await (await client.PostJson($"{api}/patients/", new { name = "Baraka Mwangi", age = 8, gender = "male" })).ShouldBe(HttpStatusCode.Created))["id"]!.ToString();

        var list = ListOf(await (await client.GetAsync($"{api}/patients/")).ShouldBe(HttpStatusCode.OK), paths);
        list.Select(p => p!["id"]!.ToString()).ShouldBe([second, first]);
        list[1]!["gender"]!.GetValue<string>().ShouldBe("Female");
        ListOf(await (await client.GetAsync($"{api}/patients/?search=amina")).ShouldBe(HttpStatusCode.OK), paths).Single()!["id"]!.ToString().ShouldBe(first);

        (await (await client.PutJson($"{api}/patients/{first}/", new { name = "Amina O.", age = 31, gender = "Female" })).ShouldBe(HttpStatusCode.OK))["age"]!.GetValue<int>().ShouldBe(31);
        (await (await client.PatchJson($"{api}/patients/{first}/", new { age = 32 })).ShouldBe(HttpStatusCode.OK))["name"]!.GetValue<string>().ShouldBe("Amina O.");
        (await (await client.GetAsync($"{api}/patients/{first}/")).ShouldBe(HttpStatusCode.OK))["age"]!.GetValue<int>().ShouldBe(32);
        (await client.DeleteAsync($"{api}/patients/{first}/")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await client.GetAsync($"{api}/patients/{first}/")).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");

        var doctor = (await (await client.PostJson($"{api}/doctors/", new { name = "Dr. Wanjiru", specialization = "Paediatrics", experience = 5 })).ShouldBe(HttpStatusCode.Created))["id"]!.ToString();
        // Doctors are shared by every user of the app, and other classes add theirs at the same time: ours is listed,
        // not necessarily first.
        ListOf(await (await client.GetAsync($"{api}/doctors/")).ShouldBe(HttpStatusCode.OK), paths).Select(d => d!["id"]!.ToString()).ShouldContain(doctor);
        (await (await client.PutJson($"{api}/doctors/{doctor}/", new { name = "Dr. Wanjiru K.", specialization = "Paediatrics", experience = 6 })).ShouldBe(HttpStatusCode.OK))["experience"]!.GetValue<int>().ShouldBe(6);
        (await (await client.PatchJson($"{api}/doctors/{doctor}/", new { specialization = "Neonatology" })).ShouldBe(HttpStatusCode.OK))["specialization"]!.GetValue<string>().ShouldBe("Neonatology");
        (await (await client.GetAsync($"{api}/doctors/{doctor}/")).ShouldBe(HttpStatusCode.OK))["name"]!.GetValue<string>().ShouldBe("Dr. Wanjiru K.");
        (await client.DeleteAsync($"{api}/doctors/{doctor}/")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await client.GetAsync($"{api}/doctors/{doctor}/")).ShouldBeProblem(HttpStatusCode.NotFound, "DOCTOR_NOT_FOUND");
    }

    [Theory]
    [MemberData(nameof(PathSets))]
    public async Task The_README_security_claims_hold(string set)
    {
        var paths = PathsOf(set);
        var api = paths.Api;
        await (await app.Client().GetAsync($"{api}/patients/")).ShouldBeProblem(HttpStatusCode.Unauthorized, "NOT_AUTHENTICATED");
        await (await app.Client().PostJson($"{api}/mappings/", new { })).ShouldBeProblem(HttpStatusCode.Unauthorized, "NOT_AUTHENTICATED");

        var owner = await SignedInAsync(paths);
        var other = await SignedInAsync(paths);
        var patient = (await (await owner.PostJson($"{api}/patients/", new { name = "Private", age = 40, gender = "Other" })).ShouldBe(HttpStatusCode.Created))["id"]!.ToString();
        await (await other.GetAsync($"{api}/patients/{patient}/")).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
        ListOf(await (await other.GetAsync($"{api}/patients/")).ShouldBe(HttpStatusCode.OK), paths).Count.ShouldBe(0);

        var doctor = (await (await owner.PostJson($"{api}/doctors/", new { name = "Dr. Dup", specialization = "GP", experience = 3 })).ShouldBe(HttpStatusCode.Created))["id"]!.ToString();
        await (await owner.PostJson($"{api}/mappings/", new { patient, doctor })).ShouldBe(HttpStatusCode.Created);
        await (await owner.PostJson($"{api}/mappings/", new { patient, doctor })).ShouldBeProblem(HttpStatusCode.Conflict, "ALREADY_ASSIGNED");

        (await (await owner.PostJson($"{api}/patients/", new { name = "Negative", age = -1, gender = "Male" })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED"))
            ["errors"]!["age"].ShouldNotBeNull();
        (await (await owner.PostJson($"{api}/patients/", new { name = "Old", age = 151, gender = "Male" })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED"))
            ["errors"]!["age"].ShouldNotBeNull();
        (await (await owner.PostJson($"{api}/patients/", new { name = "Odd", age = 20, gender = "robot" })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED"))
            ["errors"]!["gender"].ShouldNotBeNull();
        await (await owner.PostRaw($"{api}/patients/", """{"name":"Huge","age":99999999999999}""")).ShouldBeProblem(HttpStatusCode.BadRequest, "MALFORMED_JSON");
    }

    [Fact]
    public async Task A_second_account_whose_email_has_the_same_part_before_the_at_sign_registers()
    {
        var local = "same" + Guid.NewGuid().ToString("N")[..8];
        await (await app.Client().PostJson("/api/auth/register/", new { name = "One", email = $"{local}@example.com", password = "strongpass1" })).ShouldBe(HttpStatusCode.Created);
        await (await app.Client().PostJson("/api/auth/register/", new { name = "Two", email = $"{local}@example.org", password = "strongpass1" })).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Writes_to_another_users_patient_are_404_not_400()
    {
        var paths = PathsOf("seed");
        var owner = await SignedInAsync(paths);
        var other = await SignedInAsync(paths);
        var patient = (await (await owner.PostJson("/api/patients/", new { name = "Mine", age = 50, gender = "Male" })).ShouldBe(HttpStatusCode.Created))["id"]!.ToString();
        await (await other.PutJson($"/api/patients/{patient}/", new { name = "Stolen", age = 1, gender = "Male" })).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
        await (await other.PatchJson($"/api/patients/{patient}/", new { age = -5 })).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
        await (await other.DeleteAsync($"/api/patients/{patient}/")).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
        var doctor = (await (await other.PostJson("/api/doctors/", new { name = "Dr. X", specialization = "GP", experience = 1 })).ShouldBe(HttpStatusCode.Created))["id"]!.ToString();
        await (await other.PostJson("/api/mappings/", new { patient, doctor })).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
        (await (await owner.GetAsync($"/api/patients/{patient}/")).ShouldBe(HttpStatusCode.OK))["name"]!.GetValue<string>().ShouldBe("Mine");
    }

    [Fact]
    public async Task Ownership_is_checked_before_duplicates_so_pairs_of_others_stay_unknown()
    {
        var paths = PathsOf("seed");
        var owner = await SignedInAsync(paths);
        var other = await SignedInAsync(paths);
        var patient = (await (await owner.PostJson("/api/patients/", new { name = "Mine", age = 50, gender = "Male" })).ShouldBe(HttpStatusCode.Created))["id"]!.ToString();
        var doctor = (await (await owner.PostJson("/api/doctors/", new { name = "Dr. Y", specialization = "GP", experience = 1 })).ShouldBe(HttpStatusCode.Created))["id"]!.ToString();
        var mapping = (await (await owner.PostJson("/api/mappings/", new { patient, doctor })).ShouldBe(HttpStatusCode.Created))["uuid"]!.ToString();
        await (await other.PostJson("/api/mappings/", new { patient, doctor })).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
        await (await other.GetAsync($"/api/mappings/{mapping}/")).ShouldBeProblem(HttpStatusCode.NotFound, "MAPPING_NOT_FOUND");
        await (await other.DeleteAsync($"/api/mappings/{mapping}/")).ShouldBeProblem(HttpStatusCode.NotFound, "MAPPING_NOT_FOUND");
        await (await other.GetAsync($"/api/mappings/patient/{patient}/")).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
        (await (await other.GetAsync("/api/mappings/")).ShouldBe(HttpStatusCode.OK)).AsArray().Count.ShouldBe(0);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("12345678")]
    public async Task Common_or_numeric_passwords_are_refused(string password)
    {
        (await (await app.Client().PostJson("/api/auth/register/", new { name = "Weak", email = Calls.UniqueEmail("weak"), password })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED"))
            ["errors"]!["password"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(71)]
    public async Task Doctor_experience_outside_0_to_70_is_refused(int experience)
    {
        var client = await SignedInAsync(PathsOf("seed"));
        (await (await client.PostJson("/api/doctors/", new { name = "Dr. Neg", specialization = "GP", experience })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED"))
            ["errors"]!["experience"].ShouldNotBeNull();
        var doctor = (await (await client.PostJson("/api/doctors/", new { name = "Dr. Ok", specialization = "GP", experience = 0 })).ShouldBe(HttpStatusCode.Created))["id"]!.ToString();
        await (await client.PatchJson($"/api/doctors/{doctor}/", new { experience })).ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task Only_the_creator_or_an_admin_edits_or_deletes_a_doctor()
    {
        var creator = await SignedInAsync(PathsOf("seed"));
        var stranger = await SignedInAsync(PathsOf("seed"));
        var doctor = (await (await creator.PostJson("/api/doctors/", new { name = "Dr. Own", specialization = "GP", experience = 4 })).ShouldBe(HttpStatusCode.Created))["id"]!.ToString();
        (await (await stranger.GetAsync($"/api/doctors/{doctor}/")).ShouldBe(HttpStatusCode.OK))["name"]!.GetValue<string>().ShouldBe("Dr. Own");
        await (await stranger.PatchJson($"/api/doctors/{doctor}/", new { name = "Dr. Hijacked" })).ShouldBeProblem(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await stranger.PutJson($"/api/doctors/{doctor}/", new { name = "Dr. Hijacked", specialization = "GP", experience = 4 })).ShouldBeProblem(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await stranger.DeleteAsync($"/api/doctors/{doctor}/")).ShouldBeProblem(HttpStatusCode.Forbidden, "FORBIDDEN");
        var admin = await _world.AdminAsync();
        (await (await admin.Client.PatchJson($"/api/doctors/{doctor}/", new { experience = 5 })).ShouldBe(HttpStatusCode.OK))["experience"]!.GetValue<int>().ShouldBe(5);
        (await (await creator.GetAsync($"/api/doctors/{doctor}/")).ShouldBe(HttpStatusCode.OK))["name"]!.GetValue<string>().ShouldBe("Dr. Own");
    }

    [Fact]
    public async Task A_license_number_is_unique_when_given()
    {
        var client = await SignedInAsync(PathsOf("native"));
        var license = "KMPDC-" + Guid.NewGuid().ToString("N")[..8];
        await (await client.PostJson("/api/v1/doctors", new { name = "Dr. A", specialization = "GP", experience = 1, license_number = license })).ShouldBe(HttpStatusCode.Created);
        await (await client.PostJson("/api/v1/doctors", new { name = "Dr. B", specialization = "GP", experience = 1, license_number = license })).ShouldBeProblem(HttpStatusCode.Conflict, "LICENSE_TAKEN");
        await (await client.PostJson("/api/v1/doctors", new { name = "Dr. C", specialization = "GP", experience = 1 })).ShouldBe(HttpStatusCode.Created);
        await (await client.PostJson("/api/v1/doctors", new { name = "Dr. D", specialization = "GP", experience = 1 })).ShouldBe(HttpStatusCode.Created);
    }
}
