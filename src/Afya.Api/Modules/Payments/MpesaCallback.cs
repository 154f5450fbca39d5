using System.Text;
using System.Text.Json.Serialization;
using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Payments;

// Safaricom's own casing, not the API's snake_case.
public sealed record CallbackAnswer(
    [property: JsonPropertyName("ResultCode")] int ResultCode,
    [property: JsonPropertyName("ResultDesc")] string ResultDesc);

// Safaricom's callback: no signature, may repeat, arrive late or never. Stored and answered at once; the
// CallbackWorker settles it after asking Daraja. Unknown ids and unreadable bodies are logged and accepted,
// so Safaricom does not retry them and nothing here ever answers 500 to it.
public static partial class MpesaCallback
{
    private static readonly CallbackAnswer Accepted = new(0, "Accepted");

    public static async Task<Ok<CallbackAnswer>> Handle(HttpRequest request, AfyaDb db, CallbackQueue queue, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger("Afya.Payments.MpesaCallback");
        string json;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            var buffer = new char[65_536];
            var read = await reader.ReadBlockAsync(buffer, ct);
            json = new string(buffer, 0, read);
        }
        var facts = MpesaPayments.Read(json);
        if (facts is null)
        {
            LogUnreadable(logger, json.Length);
            return TypedResults.Ok(Accepted);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        // Kept while the push is open; a later callback replaces an earlier one, and settling decides once.
        var id = await db.Set<MpesaTransaction>().Where(t => t.CheckoutRequestId == facts.CheckoutRequestId).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            LogUnknown(logger, facts.CheckoutRequestId);
            return TypedResults.Ok(Accepted);
        }
        var open = await db.Set<MpesaTransaction>().Where(t => t.Id == id && (t.Status == MpesaStatus.Pending || t.Status == MpesaStatus.Requested))
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.CallbackJson, json).SetProperty(t => t.UpdatedAt, now), ct);
        if (open == 1) queue.Add(id.Value);
        return TypedResults.Ok(Accepted);
    }

    [LoggerMessage(LogLevel.Warning, "Unreadable M-Pesa callback ({Length} characters) ignored")]
    private static partial void LogUnreadable(ILogger logger, int length);

    [LoggerMessage(LogLevel.Warning, "M-Pesa callback for unknown CheckoutRequestID {CheckoutRequestId} ignored")]
    private static partial void LogUnknown(ILogger logger, string checkoutRequestId);
}
