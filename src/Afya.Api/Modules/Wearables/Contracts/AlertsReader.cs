namespace Afya.Api.Modules.Wearables.Contracts;

/// <summary>An alert as other modules see it: open until a doctor acknowledges it.</summary>
public sealed record AlertSummary(Guid Id, Guid PatientId, string Condition, string Severity, int? Score, string Detail, DateTime MeasuredAt,
    DateTime OpenedAt, DateTime? AcknowledgedAt);

/// <summary>
/// A keyset page of one patient's alerts by opening time (<paramref name="From"/> inclusive, <paramref name="Before"/> exclusive),
/// newest first unless <paramref name="Ascending"/>; <paramref name="UpdatedFrom"/>/<paramref name="UpdatedBefore"/> bound the
/// acknowledgement time, else the opening time; <paramref name="After"/> continues a page in the same order.
/// </summary>
public sealed record AlertQuery(Guid PatientId, Guid? Id, bool? Open, DateTime? From, DateTime? Before, DateTime? UpdatedFrom, DateTime? UpdatedBefore,
    bool Ascending, DateTime? After, int Count);

/// <summary>A page that ends on a whole group of its last opening time, whether more follow, and how many match.</summary>
public sealed record AlertPage(IReadOnlyList<AlertSummary> Items, bool More, int Total);

/// <summary>Reads alerts. It does not decide access: ask ICareRecords.CanReadWearablesAsync first.</summary>
public interface IAlertsReader
{
    /// <summary>One alert.</summary>
    Task<AlertSummary?> FindAsync(Guid id, CancellationToken ct);

    /// <summary>One page of a query.</summary>
    Task<AlertPage> PageAsync(AlertQuery query, CancellationToken ct);
}
