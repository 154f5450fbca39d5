using System.Data.Common;
using System.Globalization;
using Afya.Api.Modules.Wearables.Data;
using Afya.Api.Platform.Data;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Afya.Api.Modules.Wearables;

public readonly record struct ReadingKey(Metric Metric, DateTime MeasuredAt, Guid DeviceId);

// Writes a batch of readings once each and keeps the hourly rows in step, in one transaction.
// A reading already stored (same patient, metric, time and device) is left alone: insert-or-ignore, never an error.
public sealed class ReadingStore(AfyaDb db)
{
    // Returns the keys that were new; every other reading of the batch was a duplicate.
    public Task<HashSet<ReadingKey>> InsertAsync(Guid patientId, IReadOnlyList<Reading> readings, CancellationToken ct) =>
        readings.Count == 0 ? Task.FromResult(new HashSet<ReadingKey>())
        : db.Provider == DatabaseProvider.Postgres ? InsertPostgresAsync(readings, ct) : InsertSqliteAsync(patientId, readings, ct);

    // One statement: the batch goes in as arrays (unnest), what is new is inserted (ON CONFLICT DO NOTHING), exactly
    // the inserted rows are folded into the hourly rows, and their keys come back. Rows go in key order, so two
    // overlapping batches wait on each other rather than deadlock. (Arrays rather than COPY into a temporary table:
    // one round trip instead of three, and no temporary table created and dropped in the catalog per batch.)
    private async Task<HashSet<ReadingKey>> InsertPostgresAsync(IReadOnlyList<Reading> readings, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var insert = new NpgsqlCommand(PostgresInsert, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
            insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. readings.Select(r => r.PatientId)] });
            insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. readings.Select(r => r.DeviceId)] });
            insert.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. readings.Select(r => (short)r.Metric)] });
            insert.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. readings.Select(r => r.MeasuredAt)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            insert.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = [.. readings.Select(r => r.Value)] });
            insert.Parameters.Add(new NpgsqlParameter<double?[]> { TypedValue = [.. readings.Select(r => r.Diastolic)] });
            insert.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. readings.Select(r => r.SourceSampleId)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            var accepted = new HashSet<ReadingKey>(readings.Count);
            await using var reader = await insert.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                accepted.Add(new ReadingKey((Metric)reader.GetInt16(0), DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc), reader.GetGuid(2)));
            return accepted;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private const string PostgresInsert = """
        WITH ins AS (
            INSERT INTO wearables_readings (patient_id, device_id, metric, measured_at, value, diastolic, source_sample_id)
            SELECT patient_id, device_id, metric, measured_at, value, diastolic, source_sample_id
            FROM unnest($1, $2, $3, $4, $5, $6, $7) AS batch(patient_id, device_id, metric, measured_at, value, diastolic, source_sample_id)
            ORDER BY patient_id, metric, measured_at, device_id
            ON CONFLICT DO NOTHING
            RETURNING patient_id, device_id, metric, measured_at, value, diastolic),
        hourly AS (
            INSERT INTO wearables_hourly AS h (patient_id, metric, hour, reading_count, value_sum, value_min, value_max,
                diastolic_sum, diastolic_min, diastolic_max, latest_at, latest_value, latest_diastolic)
            SELECT patient_id, metric, date_trunc('hour', measured_at, 'UTC'), count(*), sum(value), min(value), max(value),
                sum(diastolic), min(diastolic), max(diastolic), max(measured_at),
                (array_agg(value ORDER BY measured_at DESC))[1], (array_agg(diastolic ORDER BY measured_at DESC))[1]
            FROM ins GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
            ON CONFLICT (patient_id, metric, hour) DO UPDATE SET
                reading_count = h.reading_count + excluded.reading_count,
                value_sum = h.value_sum + excluded.value_sum,
                value_min = LEAST(h.value_min, excluded.value_min),
                value_max = GREATEST(h.value_max, excluded.value_max),
                diastolic_sum = CASE WHEN h.diastolic_sum IS NULL THEN excluded.diastolic_sum ELSE h.diastolic_sum + COALESCE(excluded.diastolic_sum, 0) END,
                diastolic_min = LEAST(h.diastolic_min, excluded.diastolic_min),
                diastolic_max = GREATEST(h.diastolic_max, excluded.diastolic_max),
                latest_value = CASE WHEN excluded.latest_at >= h.latest_at THEN excluded.latest_value ELSE h.latest_value END,
                latest_diastolic = CASE WHEN excluded.latest_at >= h.latest_at THEN excluded.latest_diastolic ELSE h.latest_diastolic END,
                latest_at = GREATEST(h.latest_at, excluded.latest_at))
        SELECT metric, measured_at, device_id FROM ins
        """;

    // SQLite has one writer at a time: prepared statements in one transaction, the hourly rows folded in memory.
    private async Task<HashSet<ReadingKey>> InsertSqliteAsync(Guid patientId, IReadOnlyList<Reading> readings, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var transaction = tx.GetDbTransaction();
        var patient = SqliteGuid(patientId);
        var accepted = new HashSet<ReadingKey>();
        var hours = new Dictionary<(Metric, DateTime), HourlyAggregate>();
        await using (var insert = Command(connection, transaction,
            "INSERT INTO wearables_readings (patient_id, device_id, metric, measured_at, value, diastolic, source_sample_id) VALUES ($p, $d, $m, $t, $v, $v2, $s) ON CONFLICT DO NOTHING",
            "$p", "$d", "$m", "$t", "$v", "$v2", "$s"))
        {
            insert.Parameters[0].Value = patient;
            foreach (var r in readings)
            {
                insert.Parameters[1].Value = SqliteGuid(r.DeviceId);
                insert.Parameters[2].Value = (int)r.Metric;
                insert.Parameters[3].Value = SqliteTime(r.MeasuredAt);
                insert.Parameters[4].Value = r.Value;
                insert.Parameters[5].Value = r.Diastolic is { } v2 ? v2 : DBNull.Value;
                insert.Parameters[6].Value = r.SourceSampleId is { } source ? source : DBNull.Value;
                if (await insert.ExecuteNonQueryAsync(ct) != 1) continue;
                accepted.Add(new ReadingKey(r.Metric, r.MeasuredAt, r.DeviceId));
                Fold(hours, r);
            }
        }
        await using (var upsert = Command(connection, transaction, SqliteHourlyUpsert, "$p", "$m", "$h", "$n", "$s", "$lo", "$hi", "$s2", "$lo2", "$hi2", "$at", "$lv", "$lv2"))
        {
            upsert.Parameters[0].Value = patient;
            foreach (var h in hours.Values)
            {
                object OrNull(double? v) => v is { } x ? x : DBNull.Value;
                upsert.Parameters[1].Value = (int)h.Metric;
                upsert.Parameters[2].Value = SqliteTime(h.Hour);
                upsert.Parameters[3].Value = h.ReadingCount;
                upsert.Parameters[4].Value = h.ValueSum;
                upsert.Parameters[5].Value = h.ValueMin;
                upsert.Parameters[6].Value = h.ValueMax;
                upsert.Parameters[7].Value = OrNull(h.DiastolicSum);
                upsert.Parameters[8].Value = OrNull(h.DiastolicMin);
                upsert.Parameters[9].Value = OrNull(h.DiastolicMax);
                upsert.Parameters[10].Value = SqliteTime(h.LatestAt);
                upsert.Parameters[11].Value = h.LatestValue;
                upsert.Parameters[12].Value = OrNull(h.LatestDiastolic);
                await upsert.ExecuteNonQueryAsync(ct);
            }
        }
        await tx.CommitAsync(ct);
        return accepted;
    }

    private const string SqliteHourlyUpsert = """
        INSERT INTO wearables_hourly (patient_id, metric, hour, reading_count, value_sum, value_min, value_max,
            diastolic_sum, diastolic_min, diastolic_max, latest_at, latest_value, latest_diastolic)
        VALUES ($p, $m, $h, $n, $s, $lo, $hi, $s2, $lo2, $hi2, $at, $lv, $lv2)
        ON CONFLICT (patient_id, metric, hour) DO UPDATE SET
            reading_count = reading_count + excluded.reading_count,
            value_sum = value_sum + excluded.value_sum,
            value_min = MIN(value_min, excluded.value_min),
            value_max = MAX(value_max, excluded.value_max),
            diastolic_sum = COALESCE(diastolic_sum, 0) + excluded.diastolic_sum,
            diastolic_min = COALESCE(MIN(diastolic_min, excluded.diastolic_min), diastolic_min, excluded.diastolic_min),
            diastolic_max = COALESCE(MAX(diastolic_max, excluded.diastolic_max), diastolic_max, excluded.diastolic_max),
            latest_value = CASE WHEN excluded.latest_at >= latest_at THEN excluded.latest_value ELSE latest_value END,
            latest_diastolic = CASE WHEN excluded.latest_at >= latest_at THEN excluded.latest_diastolic ELSE latest_diastolic END,
            latest_at = MAX(latest_at, excluded.latest_at)
        """;

    public static DateTime HourOf(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc);

    private static void Fold(Dictionary<(Metric, DateTime), HourlyAggregate> hours, Reading r)
    {
        var hour = HourOf(r.MeasuredAt);
        if (!hours.TryGetValue((r.Metric, hour), out var h))
        {
            hours[(r.Metric, hour)] = new HourlyAggregate
            {
                Metric = r.Metric, Hour = hour, ReadingCount = 1, ValueSum = r.Value, ValueMin = r.Value, ValueMax = r.Value,
                DiastolicSum = r.Diastolic, DiastolicMin = r.Diastolic, DiastolicMax = r.Diastolic, LatestAt = r.MeasuredAt, LatestValue = r.Value, LatestDiastolic = r.Diastolic,
            };
            return;
        }
        h.ReadingCount++;
        h.ValueSum += r.Value;
        h.ValueMin = Math.Min(h.ValueMin, r.Value);
        h.ValueMax = Math.Max(h.ValueMax, r.Value);
        if (r.Diastolic is { } v2)
        {
            h.DiastolicSum = (h.DiastolicSum ?? 0) + v2;
            h.DiastolicMin = Math.Min(h.DiastolicMin ?? v2, v2);
            h.DiastolicMax = Math.Max(h.DiastolicMax ?? v2, v2);
        }
        if (r.MeasuredAt >= h.LatestAt)
        {
            h.LatestAt = r.MeasuredAt;
            h.LatestValue = r.Value;
            h.LatestDiastolic = r.Diastolic;
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            command.Parameters.Add(p);
        }
        return command;
    }

    // The forms EF Core's SQLite provider writes, so keys compare equal whichever path stored them.
    private static string SqliteGuid(Guid id) => id.ToString().ToUpperInvariant();

    private static string SqliteTime(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
