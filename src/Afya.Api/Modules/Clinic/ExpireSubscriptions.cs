using System.Globalization;
using Afya.Api.Modules.Clinic.Data;
using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Clinic;

// Claimed job: starts queued packages whose turn came, expires ended ones (telling the user), reminds users
// ReminderDays before the end, and expires unpaid subscriptions after the payment window. Each step is a conditional
// statement on the status or on the notice stamp, so two nodes (or a rerun) never send a notice twice.
public sealed class ExpireSubscriptions(AfyaDb db, IOutbox outbox, IUserDirectory users, IOptions<ClinicOptions> options, TimeProvider clock) : IPeriodicJob
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = 0;
        var unpaidBefore = now.AddMinutes(-options.Value.PaymentWindowMinutes);
        changed += await db.Set<Subscription>().Where(s => s.Status == SubscriptionStatus.PendingPayment && s.CreatedAt < unpaidBefore)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubscriptionStatus.Expired), ct);

        var ended = await db.Set<Subscription>().AsNoTracking()
            .Where(s => (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Queued) && s.EndsAt <= now)
            .OrderBy(s => s.EndsAt).Take(200).ToListAsync(ct);
        foreach (var s in ended)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = await db.Set<Subscription>().Where(x => x.Id == s.Id && x.Status == s.Status)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, SubscriptionStatus.Expired).SetProperty(x => x.ExpiryNoticeSentAt, now), ct);
            if (rows == 1) await NotifyAsync(s, "package_expired", now, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            changed += rows;
        }

        // Not while the user's current one is still active (a batch of ended ones not reached yet): the next run does it.
        changed += await db.Set<Subscription>().Where(s => s.Status == SubscriptionStatus.Queued && s.StartsAt <= now && s.EndsAt > now
                && !db.Set<Subscription>().Any(o => o.UserId == s.UserId && o.Status == SubscriptionStatus.Active))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubscriptionStatus.Active), ct);

        var remindFrom = now.AddDays(options.Value.ReminderDays);
        var ending = await db.Set<Subscription>().AsNoTracking()
            .Where(s => s.Status == SubscriptionStatus.Active && s.ReminderSentAt == null && s.EndsAt <= remindFrom && s.EndsAt > now)
            .OrderBy(s => s.EndsAt).Take(200).ToListAsync(ct);
        foreach (var s in ending)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var rows = await db.Set<Subscription>().Where(x => x.Id == s.Id && x.ReminderSentAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.ReminderSentAt, now), ct);
            if (rows == 1) await NotifyAsync(s, "package_reminder", now, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            changed += rows;
        }
        return changed;
    }

    // A text where there is a verified phone, else an email; nothing when the user has neither.
    private async Task NotifyAsync(Subscription s, string template, DateTime now, CancellationToken ct)
    {
        var model = new Dictionary<string, string>
        {
            ["package"] = s.NameEn,
            ["ends"] = s.EndsAt!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["days"] = Subscriptions.DaysLeft(s.EndsAt.Value, now).ToString(CultureInfo.InvariantCulture),
            ["name"] = await users.DisplayNameAsync(s.UserId, ct),
        };
        if (await users.PhoneAsync(s.UserId, ct) is { } phone) outbox.Enqueue(db, new OutgoingText(phone, template, model));
        else if (await users.EmailAsync(s.UserId, ct) is { } email) outbox.Enqueue(db, new OutgoingEmail(email, template, model));
    }
}
