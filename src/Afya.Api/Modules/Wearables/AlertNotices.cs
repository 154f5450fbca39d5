using System.Globalization;
using Afya.Api.Modules.Care.Contracts;
using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Modules.Wearables.Data;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Wearables;

// Who hears of an alert: the assigned doctors always, the emergency contact for emergencies; a text where there is
// a phone, else an email. Queued through the caller's context, so the messages exist exactly when the alert does.
public sealed class AlertNotices(AfyaDb db, ICareRecords care, IOutbox outbox)
{
    public async Task<int> QueueAsync(Alert alert, CancellationToken ct)
    {
        var recipients = await care.RecipientsAsync(alert.PatientId, ct);
        var model = new Dictionary<string, string>
        {
            ["patient"] = recipients.PatientName,
            ["severity"] = alert.Severity,
            ["detail"] = alert.Detail,
            ["measured_at"] = alert.MeasuredAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            ["alert_id"] = alert.Id.ToString(),
        };
        var sent = 0;
        foreach (var doctor in recipients.Doctors) sent += Send(doctor, "wearables_alert", model);
        if (alert.Severity == AlertSeverity.Emergency && recipients.EmergencyContact is { } contact)
            sent += Send(contact, "wearables_emergency_contact", model);
        return sent;
    }

    private int Send(CareContact to, string template, Dictionary<string, string> model)
    {
        var personal = new Dictionary<string, string>(model) { ["name"] = to.Name };
        if (to.Phone is { } phone) outbox.Enqueue(db, new OutgoingText(phone, template, personal, Urgent: true));
        else if (to.Email is { } email) outbox.Enqueue(db, new OutgoingEmail(email, template, personal, to.Name));
        else return 0;
        return 1;
    }
}
