using System.Net;
using Afya.Api.Modules.Wearables.Data;
using Afya.Tests.Modules.Care;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Afya.Tests.Modules.Wearables;

// Storage that grows: the claimed upkeep job keeps monthly partitions ahead on PostgreSQL (taking along rows that
// reached the default partition first) and drops raw readings past the retention; hourly rows stay.
public class StorageTests
{
    private static async Task<CareUser> SignInAsync(AfyaFactory app, string email)
    {
        var login = await (await app.Client().PostJson("/api/v1/auth/login", new { email, password = "correct-horse-1" })).ShouldBe(HttpStatusCode.OK);
        var access = login["access"]!.GetValue<string>();
        return new CareUser(app.Client().WithToken(access), login["user"]!["id"]!.GetValue<string>(), email, access);
    }

    private static Task<long> CountAsync(AfyaFactory app, string sql) =>
        app.WithDbAsync(db => db.Database.SqlQueryRaw<long>(sql).SingleAsync());

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Partitions_are_kept_ahead_and_readings_past_the_retention_are_dropped_while_hourly_rows_stay(Db provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 23, 58, 0, TimeSpan.Zero));
        await using var app = new AfyaFactory(provider, new Dictionary<string, string?>
        {
            ["Wearables:RetentionMonths"] = "1", ["Wearables:PartitionMonthsAhead"] = "1",
        }, clock);
        var world = new WearablesWorld(app);
        var (patient, patientId, _) = await world.PatientAsync();
        var id = Guid.Parse(patientId);
        if (provider == Db.Postgres)
        {
            // The start-up run made October (the retention cutoff) to December; December is dropped again, as if it had
            // not run yet, so the next reading lands in the default partition.
            await Calls.Eventually(async () => await CountAsync(app, Partition("y2026m12")) == 1 ? "" : null, what: "partitions at start-up");
            (await CountAsync(app, Partition("y2026m10"))).ShouldBe(1);
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TABLE wearables_readings_y2026m12"));
        }
        var october = new DateTime(2026, 10, 15, 9, 0, 0, DateTimeKind.Utc);
        var december = new DateTime(2026, 12, 1, 0, 1, 0, DateTimeKind.Utc); // within the allowed clock skew
        (await WearablesWorld.SyncAsync(patient.Client, WearablesWorld.Hr(70, october), WearablesWorld.Hr(72, world.Now.AddHours(-1)),
            WearablesWorld.Hr(74, december)))["accepted"]!.GetValue<int>().ShouldBe(3);
        if (provider == Db.Postgres)
        {
            (await CountAsync(app, "SELECT count(*) AS \"Value\" FROM wearables_readings_y2026m10")).ShouldBe(1);
            (await CountAsync(app, "SELECT count(*) AS \"Value\" FROM wearables_readings_default")).ShouldBe(1);
        }

        // Past midnight the cutoff moves to November; the job's next hourly run drops October. On PostgreSQL the count alone
        // is no sign of that: while the run attaches December (moving its reading out of the default partition) a read
        // planned before the attach and executed after it sees neither copy, 2 for a moment with October still there.
        clock.Advance(TimeSpan.FromMinutes(70));
        await Calls.Eventually(async () => await app.WithDbAsync(db => db.Set<Reading>().CountAsync(r => r.PatientId == id)) == 2
            && (provider != Db.Postgres || await CountAsync(app, Partition("y2026m10")) == 0) ? "" : null, what: "October dropped");
        if (provider == Db.Postgres)
        {
            (await CountAsync(app, Partition("y2027m01"))).ShouldBe(1);
            (await CountAsync(app, "SELECT count(*) AS \"Value\" FROM wearables_readings_y2026m12")).ShouldBe(1);
            (await CountAsync(app, "SELECT count(*) AS \"Value\" FROM wearables_readings_default")).ShouldBe(0);
        }
        var again = await SignInAsync(app, patient.Email);
        var recent = await (await again.Client.GetAsync("/api/v1/wearables/metrics/recent")).ShouldBe(HttpStatusCode.OK);
        recent["results"]!.AsArray().Select(r => r!["value"]!.GetValue<double>()).ShouldBe([74.0, 72.0]);
        (await app.WithDbAsync(db => db.Set<HourlyAggregate>().CountAsync(h => h.PatientId == id))).ShouldBe(3);
        // Readings older than the retention are refused rather than stored to be dropped.
        var old = await WearablesWorld.SyncAsync(again.Client, WearablesWorld.Hr(70, october.AddDays(5)));
        old["refusals"]![0]!["reason"]!.GetValue<string>().ShouldBe("too_old");
    }

    private static string Partition(string month) => $"SELECT count(*) AS \"Value\" FROM pg_class WHERE relname = 'wearables_readings_{month}'";
}
