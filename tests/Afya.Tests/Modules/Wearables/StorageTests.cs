using System.Net;
using Afya.Api.Modules.Wearables;
using Afya.Api.Modules.Wearables.Data;
using Afya.Tests.Modules.Care;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

        // Past midnight the cutoff moves to November; the job's next hourly run drops October (and on PostgreSQL attaches
        // December, taking its reading out of the default partition; reads wait for that move rather than miss the row).
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

    // A fresh database gets its month's partition from the job's first run, while devices may already be syncing; and a
    // month's first reading may reach the default partition before the job runs. Each round here puts the month back in
    // the default partition and runs the job against a burst of syncs: every sync is answered and stored once.
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Syncs_racing_the_job_that_makes_their_months_partition_are_all_answered_and_stored_once(Db provider)
    {
        await using var app = new AfyaFactory(provider);
        var world = new WearablesWorld(app);
        var (patient, patientId, _) = await world.PatientAsync();
        var id = Guid.Parse(patientId);
        var monthStart = new DateTime(world.Now.Year, world.Now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var month = WearablesStorageUpkeep.PartitionName(monthStart);
        if (provider == Db.Postgres)
            await Calls.Eventually(async () => await CountAsync(app, Partition(WearablesStorageUpkeep.PartitionName(monthStart.AddMonths(3))[^8..])) == 1 ? "" : null,
                what: "the start-up run's partitions");

        const int rounds = 8, perRound = 6;
        var backToDefault = $"""
            ALTER TABLE wearables_readings DETACH PARTITION "{month}";
            INSERT INTO wearables_readings_default SELECT * FROM "{month}";
            DROP TABLE "{month}";
            """;
        var minute = 0;
        for (var round = 0; round < rounds; round++)
        {
            if (provider == Db.Postgres)
                await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(backToDefault));
            var syncs = Enumerable.Range(0, perRound)
                .Select(_ => WearablesWorld.SyncAsync(patient.Client, WearablesWorld.Hr(70, world.Now.AddMinutes(-++minute))))
                .ToList();
            await Task.WhenAll([.. syncs, RunUpkeepAsync(app)]);
            foreach (var sync in syncs)
                (await sync)["accepted"]!.GetValue<int>().ShouldBe(1);
        }

        (await app.WithDbAsync(db => db.Set<Reading>().CountAsync(r => r.PatientId == id))).ShouldBe(rounds * perRound);
        if (provider == Db.Postgres)
        {
            (await CountAsync(app, "SELECT count(*) AS \"Value\" FROM wearables_readings_default")).ShouldBe(0);
            (await CountAsync(app, $"SELECT count(*) AS \"Value\" FROM \"{month}\" WHERE patient_id = '{id}'")).ShouldBe(rounds * perRound);
        }
    }

    private static async Task RunUpkeepAsync(AfyaFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WearablesStorageUpkeep>().RunOnceAsync(CancellationToken.None);
    }

    private static string Partition(string month) => $"SELECT count(*) AS \"Value\" FROM pg_class WHERE relname = 'wearables_readings_{month}'";
}
