namespace Afya.Api.Modules.Wearables.Contracts;

/// <summary>One stored reading in its canonical unit (<see cref="VitalCodes"/>); blood pressure has systolic in Value.</summary>
public sealed record VitalReading(Guid PatientId, string Metric, DateTime MeasuredAt, Guid? DeviceId, double Value, double? Diastolic, string? SourceId);

/// <summary>Where a page ended: the (time, metric) of its last reading; a page always holds every reading of that pair.</summary>
public sealed record VitalCursor(DateTime MeasuredAt, string Metric);

/// <summary>
/// A keyset page of one patient's readings: <paramref name="From"/> inclusive, <paramref name="Before"/> exclusive, newest first
/// unless <paramref name="Ascending"/>; <paramref name="After"/> continues a previous page in the same order.
/// </summary>
public sealed record VitalQuery(Guid PatientId, IReadOnlyList<string>? Metrics, DateTime? From, DateTime? Before, bool Ascending, int Count, VitalCursor? After);

/// <summary>A page, and whether more readings follow it in its order.</summary>
public sealed record VitalPage(IReadOnlyList<VitalReading> Items, bool More);

/// <summary>
/// One patient's metric over one UTC hour, from the hourly rows kept on ingest: how many readings, their mean, min and max (blood
/// pressure: systolic in these, diastolic in its own three).
/// </summary>
public sealed record VitalHour(Guid PatientId, string Metric, DateTime Hour, int Count, double Mean, double Min, double Max,
    double? DiastolicMean, double? DiastolicMin, double? DiastolicMax);

/// <summary>A page of hours, and whether more follow it in its order.</summary>
public sealed record VitalHourPage(IReadOnlyList<VitalHour> Items, bool More);

/// <summary>Reads stored readings. It does not decide access: ask ICareRecords.CanReadWearablesAsync first.</summary>
public interface IVitalsReader
{
    /// <summary>One page of a query.</summary>
    Task<VitalPage> PageAsync(VitalQuery query, CancellationToken ct);

    /// <summary>How many readings match the query's filters (cursor and count ignored).</summary>
    Task<int> CountAsync(VitalQuery query, CancellationToken ct);

    /// <summary>One reading by its key.</summary>
    Task<VitalReading?> FindAsync(Guid patientId, string metric, DateTime measuredAt, Guid? deviceId, CancellationToken ct);

    /// <summary>One page of hours, keyed (hour, metric); From and Before keep the hours that overlap [From, Before).</summary>
    Task<VitalHourPage> HourlyPageAsync(VitalQuery query, CancellationToken ct);

    /// <summary>How many hours match the query's filters (cursor and count ignored).</summary>
    Task<int> HourlyCountAsync(VitalQuery query, CancellationToken ct);

    /// <summary>One hour of one metric.</summary>
    Task<VitalHour?> HourAsync(Guid patientId, string metric, DateTime hour, CancellationToken ct);
}
