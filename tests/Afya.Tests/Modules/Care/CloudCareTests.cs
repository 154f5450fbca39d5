using System.Net;
using Afya.Api.Modules.Care;
using Afya.Api.Platform.Data;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Modules.Care;

// CloudCare's patient sign-up: the universal patient id from an Aadhaar number that is never kept.
public abstract class CloudCareTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : CloudCareTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : CloudCareTests(apps.Postgres);

    private readonly CareWorld _world = new(app);

    private string Key => app.Services.GetRequiredService<IConfiguration>()["Care:AadhaarKey"]!;

    [Fact]
    public async Task A_patient_registers_with_an_Aadhaar_number_and_gets_a_patient_account_and_record()
    {
        var aadhaar = CareWorld.NewAadhaar();
        var spaced = $"{aadhaar[..4]} {aadhaar[4..8]} {aadhaar[8..]}";
        var email = Calls.UniqueEmail("asha");
        var body = await (await app.Client().PostJson("/api/v1/auth/register/patient", new
        {
            email, password = "correct-horse-1", name = "Asha Patel", aadhaar_number = spaced, date_of_birth = "1990-04-12", gender = "Female", blood_group = "o+",
        })).ShouldBe(HttpStatusCode.Created);
        body["user"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["patient"]);
        var patient = body["patient"]!;
        patient["patient_uid"]!.GetValue<string>().ShouldBe(Aadhaar.Uid(Key, aadhaar));
        patient["aadhaar_last4"]!.GetValue<string>().ShouldBe(aadhaar[8..]);
        patient["blood_group"]!.GetValue<string>().ShouldBe("O+");
        patient["date_of_birth"]!.GetValue<string>().ShouldBe("1990-04-12");
        patient.ToJsonString().ShouldNotContain(aadhaar);

        var me = app.Client().WithToken(body["access"]!.GetValue<string>());
        var profile = await (await me.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        profile["patient_id"]!.GetValue<string>().ShouldBe(patient["id"]!.GetValue<string>());
        profile["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["patient"]);
        (await (await me.GetAsync($"/api/v1/patients/{patient["id"]}")).ShouldBe(HttpStatusCode.OK))["name"]!.GetValue<string>().ShouldBe("Asha Patel");
        (await (await me.PatchJson($"/api/v1/patients/{patient["id"]}", new { allergies = "Penicillin" })).ShouldBe(HttpStatusCode.OK))["allergies"]!.GetValue<string>().ShouldBe("Penicillin");

        var found = await (await me.GetAsync($"/api/v1/patients?uid={patient["patient_uid"]}")).ShouldBe(HttpStatusCode.OK);
        CareWorld.Results(found).Single()!["id"]!.GetValue<string>().ShouldBe(patient["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_Aadhaar_number_twice_is_409_whatever_its_spacing()
    {
        var aadhaar = CareWorld.NewAadhaar();
        await _world.PatientAsync(aadhaar);
        (await (await app.Client().PostJson("/api/v1/auth/register/patient", new
        {
            email = Calls.UniqueEmail("dup"), password = "correct-horse-1", name = "Again", aadhaar_number = $"{aadhaar[..6]} {aadhaar[6..]}", date_of_birth = "1980-01-01",
        })).ShouldBeProblem(HttpStatusCode.Conflict, "AADHAAR_TAKEN"))["errors"]!["aadhaar_number"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData("234123412347")]
    [InlineData("123412341234")]
    [InlineData("23412341234")]
    [InlineData("2341234123461")]
    [InlineData("2341-2341-2346")]
    [InlineData("")]
    public async Task An_invalid_Aadhaar_number_is_refused(string aadhaar)
    {
        var email = Calls.UniqueEmail("bad");
        (await (await app.Client().PostJson("/api/v1/auth/register/patient", new { email, password = "correct-horse-1", name = "Bad", aadhaar_number = aadhaar, date_of_birth = "1980-01-01" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_AADHAAR"))["errors"]!["aadhaar_number"].ShouldNotBeNull();
        await (await app.Client().PostJson("/api/v1/auth/login", new { email, password = "correct-horse-1" })).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task A_refused_account_leaves_no_record_behind()
    {
        var aadhaar = CareWorld.NewAadhaar();
        await (await app.Client().PostJson("/api/v1/auth/register/patient", new { email = "not-an-email", password = "correct-horse-1", name = "X", aadhaar_number = aadhaar, date_of_birth = "1980-01-01" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await _world.PatientAsync(aadhaar);
    }

    [Fact]
    public async Task An_Aadhaar_number_can_be_added_to_an_existing_record_once()
    {
        var owner = await _world.UserAsync();
        var id = (await (await owner.Client.PostJson("/api/v1/patients", new { name = "Walk-in", age = 33, gender = "Male" })).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var aadhaar = CareWorld.NewAadhaar();
        var other = await _world.UserAsync();
        await (await other.Client.PostJson($"/api/v1/patients/{id}/aadhaar", new { aadhaar_number = aadhaar })).ShouldBeProblem(HttpStatusCode.NotFound, "PATIENT_NOT_FOUND");
        await (await owner.Client.PostJson($"/api/v1/patients/{id}/aadhaar", new { aadhaar_number = "234123412347" })).ShouldBeProblem(HttpStatusCode.BadRequest, "INVALID_AADHAAR");
        var updated = await (await owner.Client.PostJson($"/api/v1/patients/{id}/aadhaar", new { aadhaar_number = aadhaar })).ShouldBe(HttpStatusCode.OK);
        updated["patient_uid"]!.GetValue<string>().ShouldBe(Aadhaar.Uid(Key, aadhaar));
        await (await owner.Client.PostJson($"/api/v1/patients/{id}/aadhaar", new { aadhaar_number = CareWorld.NewAadhaar() })).ShouldBeProblem(HttpStatusCode.Conflict, "AADHAAR_ALREADY_SET");
        await (await app.Client().PostJson("/api/v1/auth/register/patient", new { email = Calls.UniqueEmail("x"), password = "correct-horse-1", name = "X", aadhaar_number = aadhaar, date_of_birth = "1980-01-01" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, "AADHAAR_TAKEN");
    }

    [Fact]
    public async Task No_text_column_holds_a_raw_Aadhaar_number()
    {
        var aadhaar = CareWorld.NewAadhaar();
        var (patient, id, _) = await _world.PatientAsync($"{aadhaar[..4]} {aadhaar[4..8]} {aadhaar[8..]}");
        await patient.Client.GetAsync($"/api/v1/patients/{id}");
        var hits = await app.WithDbAsync(async db =>
        {
            var found = new List<string>();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var columns = new List<(string Table, string Column)>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = db.Provider == DatabaseProvider.Postgres
                    ? "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')"
                    : "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND (p.type LIKE '%TEXT%' OR p.type = '')";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
            }
            columns.Count.ShouldBeGreaterThan(20);
            foreach (var (table, column) in columns)
            {
                await using var probe = connection.CreateCommand();
                probe.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE \"{column}\" LIKE '%{aadhaar}%' OR \"{column}\" LIKE '%{aadhaar[..4]} {aadhaar[4..8]}%'";
                if (Convert.ToInt64(await probe.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0) found.Add($"{table}.{column}");
            }
            return found;
        });
        hits.ShouldBeEmpty();
    }
}

public class AadhaarTests
{
    [Theory]
    [InlineData("234123412346", true)]
    [InlineData("234123412347", false)]
    [InlineData("499118665246", true)]
    public void Verhoeff_check_digits_are_checked(string number, bool valid) => Aadhaar.VerhoeffValid(number).ShouldBe(valid);

    [Fact]
    public void The_same_number_gives_the_same_uid_and_another_key_another_uid()
    {
        Aadhaar.Normalize("2341 2341 2346").ShouldBe("234123412346");
        Aadhaar.Uid("key-one-0123456789", "234123412346").ShouldBe(Aadhaar.Uid("key-one-0123456789", Aadhaar.Normalize("2341 2341 2346")!));
        Aadhaar.Uid("key-one-0123456789", "234123412346").ShouldNotBe(Aadhaar.Uid("key-two-0123456789", "234123412346"));
        Aadhaar.Uid("key-one-0123456789", "234123412346").Length.ShouldBe(64);
    }

    [Fact]
    public void Production_without_an_Aadhaar_key_refuses_to_start()
    {
        using var app = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { ["Care:AadhaarKey"] = "" }, environment: "Production");
        var failure = Should.Throw<Exception>(() => app.Services);
        var text = failure.ToString();
        text.ShouldContain("AADHAR_ENCRYPTION_KEY");
    }

    [Fact]
    public void Development_generates_an_Aadhaar_key_once_and_keeps_it()
    {
        using var first = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { ["Care:AadhaarKey"] = "" });
        var key = first.Services.GetRequiredService<IConfiguration>()["Care:AadhaarKey"];
        key.ShouldNotBeNullOrEmpty();
        using var second = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { ["Care:AadhaarKey"] = "" }, sameDatabaseAs: first);
        second.Services.GetRequiredService<IConfiguration>()["Care:AadhaarKey"].ShouldBe(key);
    }
}
