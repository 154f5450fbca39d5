using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Afya.Api.Modules.Care;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Platform.Http;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Care;

// A user's own patient list is read as two merged arms (the records they created, over the index that gives the order,
// and the record linked to their account that someone else created): the same rows, in the same order (newest first,
// the id breaking ties), on every page, as the single OR query it replaced.
public abstract class PatientListTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : PatientListTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : PatientListTests(apps.Postgres);

    private readonly CareWorld _world = new(app);

    private static readonly DateTime Base = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    // Five records of the caller (two created at the same instant), one created by someone else and linked to the
    // caller's account (dated between them), and one of another user that must never show.
    private async Task<(CareUser Me, List<string> Expected)> WorldAsync()
    {
        var me = await _world.UserAsync();
        var other = await _world.UserAsync();
        var mine = new List<string>();
        for (var i = 0; i < 5; i++)
            mine.Add((await (await me.Client.PostJson("/api/v1/patients", new { name = $"Mine {i}", age = 30 + i })).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>());
        var linked = (await (await other.Client.PostJson("/api/v1/patients", new { name = "Linked", date_of_birth = "1980-06-15" })).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await other.Client.PostJson("/api/v1/patients", new { name = "Not mine" })).ShouldBe(HttpStatusCode.Created);

        var dated = new Dictionary<Guid, DateTime>
        {
            [Guid.Parse(mine[0])] = Base.AddMinutes(1),
            [Guid.Parse(mine[1])] = Base.AddMinutes(3),
            [Guid.Parse(mine[2])] = Base.AddMinutes(3),
            [Guid.Parse(mine[3])] = Base.AddMinutes(5),
            [Guid.Parse(mine[4])] = Base.AddMinutes(6),
            [Guid.Parse(linked)] = Base.AddMinutes(4),
        };
        var meId = Guid.Parse(me.UserId);
        await app.WithDbAsync(async db =>
        {
            foreach (var (id, at) in dated) await db.Set<Patient>().Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.CreatedAt, at));
            return await db.Set<Patient>().Where(p => p.Id == Guid.Parse(linked)).ExecuteUpdateAsync(u => u.SetProperty(p => p.UserId, meId));
        });
        var expected = dated.OrderByDescending(d => d.Value).ThenByDescending(d => d.Key).Select(d => d.Key.ToString()).ToList();
        return (me, expected);
    }

    [Fact]
    public async Task The_whole_list_holds_the_callers_records_and_their_linked_record_newest_first_with_ties_by_id()
    {
        var (me, expected) = await WorldAsync();

        var bare = (await (await me.Client.GetAsync("/api/patients/")).ShouldBe(HttpStatusCode.OK)).AsArray();
        bare.Select(p => p!["uuid"]!.GetValue<string>()).ShouldBe(expected);
        var linked = bare.Single(p => p!["name"]!.GetValue<string>() == "Linked")!;
        linked["user_id"]!.GetValue<string>().ShouldBe(me.UserId);
        linked["created_by"]!.GetValue<string>().ShouldNotBe(me.UserId);
        linked["age"]!.GetValue<int>().ShouldBeGreaterThan(40);   // from the date of birth, as a single read gives it
        bare.Select(p => p!["id"]!.GetValue<int>()).ShouldAllBe(n => n > 0);

        var native = await (await me.Client.GetAsync("/api/v1/patients")).ShouldBe(HttpStatusCode.OK);
        native["count"]!.GetValue<int>().ShouldBe(6);
        CareWorld.Results(native).Select(p => p!["id"]!.GetValue<string>()).ShouldBe(expected);
        var single = await (await me.Client.GetAsync($"/api/v1/patients/{expected[0]}")).ShouldBe(HttpStatusCode.OK);
        CareWorld.Results(native)[0]!.ToJsonString().ShouldBe(single.ToJsonString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public async Task Every_page_size_cuts_the_same_order_and_counts_every_record(int size)
    {
        var (me, expected) = await WorldAsync();
        var seen = new List<string>();
        var pages = (expected.Count + size - 1) / size;
        for (var number = 1; number <= pages + 1; number++)
        {
            var page = await (await me.Client.GetAsync($"/api/v1/patients?page_size={size}&page={number}")).ShouldBe(HttpStatusCode.OK);
            page["count"]!.GetValue<int>().ShouldBe(expected.Count);
            var ids = CareWorld.Results(page).Select(p => p!["id"]!.GetValue<string>()).ToList();
            ids.Count.ShouldBe(number <= pages ? Math.Min(size, expected.Count - (number - 1) * size) : 0);
            (page["next"] is not null).ShouldBe(number < pages);
            seen.AddRange(ids);
        }
        seen.ShouldBe(expected);
    }

    [Fact]
    public async Task A_search_and_a_uid_filter_read_the_same_two_arms()
    {
        var (me, expected) = await WorldAsync();
        var linked = CareWorld.Results(await (await me.Client.GetAsync("/api/v1/patients?search=link")).ShouldBe(HttpStatusCode.OK));
        linked.Select(p => p!["name"]!.GetValue<string>()).ShouldBe(["Linked"]);
        CareWorld.Results(await (await me.Client.GetAsync("/api/v1/patients?search=mine")).ShouldBe(HttpStatusCode.OK))
            .Select(p => p!["id"]!.GetValue<string>()).ShouldBe(expected.Where(id => id != linked[0]!["id"]!.GetValue<string>()));
        CareWorld.Results(await (await me.Client.GetAsync("/api/v1/patients?search=not")).ShouldBe(HttpStatusCode.OK)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_patient_account_lists_its_own_record_once_and_the_list_is_audited()
    {
        var (patient, patientId, _) = await _world.PatientAsync();
        var list = (await (await patient.Client.GetAsync("/api/patients/")).ShouldBe(HttpStatusCode.OK)).AsArray();
        list.Select(p => p!["uuid"]!.GetValue<string>()).ShouldBe([patientId]);
        var trail = CareWorld.Results(await (await patient.Client.GetAsync("/api/v1/audit?page_size=100&action=patient.list")).ShouldBe(HttpStatusCode.OK));
        trail.ShouldBeEmpty();   // a list names no one patient; admins see it
        var admin = await _world.AdminAsync();
        var entries = CareWorld.Results(await (await admin.Client.GetAsync($"/api/v1/audit?actor_id={patient.UserId}&action=patient.list")).ShouldBe(HttpStatusCode.OK));
        entries.Select(e => (e!["resource"]!.GetValue<string>(), e["outcome"]!.GetValue<int>())).ShouldBe([("patients", 200)]);
    }
    // The list reads its rows by hand (SQLitePCL on SQLite, Npgsql's reader on PostgreSQL) and the Healthcare surface writes
    // each patient field by field; the answer must be the bytes the serializer wrote from EF's query over the same two arms: every
    // field filled (text that must be escaped, a date of birth, a linked account, a universal id) and every field empty,
    // times with 0 to 7 digits of fraction.
    [Fact]
    public async Task The_list_is_byte_for_byte_what_the_serializer_wrote_from_EFs_rows()
    {
        var me = await _world.UserAsync();
        var full = (await (await me.Client.PostJson("/api/v1/patients", new
        {
            name = "Wanjirũ \"Ochieng\" <b>&</b> 'Ø' \u00e9\u4e2d", age = 41, date_of_birth = "1985-02-28", gender = "female", phone = "+254 700 000 001",
            email = "w@example.com", address = "Kilimani\nNairobi", blood_group = "ab+", allergies = "Penicillin", conditions = "Asthma\tmild",
            emergency_contact = "Baba +254 711", notes = "\u2028 line separator",
        })).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await me.Client.PostJson($"/api/v1/patients/{full}/aadhaar", new { aadhaar_number = CareWorld.NewAadhaar() })).ShouldBe(HttpStatusCode.OK);
        var bornOnly = (await (await me.Client.PostJson("/api/v1/patients", new { name = "Born only", date_of_birth = "2000-12-31" })).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var ids = new List<string> { full, bornOnly };
        for (var i = 0; i < 6; i++)
            ids.Add((await (await me.Client.PostJson("/api/v1/patients", new { name = $"Sparse {i}" })).ShouldBe(HttpStatusCode.Created))["id"]!.GetValue<string>());
        var meId = Guid.Parse(me.UserId);
        await app.WithDbAsync(async db =>
        {
            long[] fractions = [0, 1, 10, 1_200_000, 1_234_567, 9_999_999, 5_000_000, 120];
            for (var i = 0; i < ids.Count; i++)
            {
                var id = Guid.Parse(ids[i]);
                var at = Base.AddDays(i).AddTicks(fractions[i]);
                await db.Set<Patient>().Where(p => p.Id == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.CreatedAt, at).SetProperty(p => p.UpdatedAt, at.AddTicks(fractions[^(i + 1)])));
            }
            return await db.Set<Patient>().Where(p => p.Id == Guid.Parse(full)).ExecuteUpdateAsync(u => u.SetProperty(p => p.UserId, meId));
        });

        var today = Patients.Today(app.Services.GetRequiredService<TimeProvider>());
        var rows = await app.WithDbAsync(async db =>
            (await db.Set<Patient>().Where(p => p.CreatedBy == meId).Concat(db.Set<Patient>().Where(p => p.UserId == meId && p.CreatedBy != meId))
                .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Select(Patients.Response).ToListAsync()).Select(r => r.WithAge(today)).ToList());
        rows.Count.ShouldBe(8);
        var json = app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

        var bare = await (await me.Client.GetAsync("/api/patients/")).Content.ReadAsStringAsync();
        bare.ShouldBe(JsonSerializer.Serialize(rows, HealthcareNumbers.NumberedJson.Numbered(json, patientsByHand: false)));
        var single = await (await me.Client.GetAsync($"/api/patients/{rows[^1].Number}/")).Content.ReadAsStringAsync();
        single.ShouldBe(JsonSerializer.Serialize(rows[^1], HealthcareNumbers.NumberedJson.Numbered(json, patientsByHand: false)));

        var native = await (await me.Client.GetAsync("/api/v1/patients?page_size=100")).Content.ReadAsStringAsync();
        native.ShouldBe(JsonSerializer.Serialize(new Page<PatientResponse>(rows.Count, null, null, rows), json));
    }

    // The hand reader's time parse against the one EF Core's SQLite provider uses, on the text forms EF writes and others.
    [Theory]
    [InlineData("2026-03-01 08:00:00")]
    [InlineData("2026-03-01 08:00:00.1")]
    [InlineData("2026-03-01 08:00:00.0000001")]
    [InlineData("2026-03-01 08:00:00.1234567")]
    [InlineData("2024-02-29 23:59:59.9999999")]
    [InlineData("0001-01-01 00:00:00")]
    [InlineData("2026-03-01T08:00:00")]
    [InlineData("2026-03-01 08:00")]
    [InlineData("2026-03-01")]
    public void A_stored_time_reads_as_EF_reads_it(string text)
    {
        var read = OwnPatientRows.Time(text);
        read.ShouldBe(DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc));
        read.Kind.ShouldBe(DateTimeKind.Utc);
    }
}
