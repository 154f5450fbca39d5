using System.Text.Json;

namespace Afya.Api.Modules.Payments.Daraja;

// Daraja queued a refund; its outcome arrives later at ResultURL.
public sealed record RefundAccepted(string ConversationId, string OriginatorConversationId);

public sealed partial class DarajaClient
{
    // The whole payment back (Reversal API), or part of it as a B2C payment to the customer's phone. Sent once, on the
    // client without retries: a request that timed out may have been queued, so it is never repeated blindly.
    public async Task<RefundAccepted> RefundAsync(MpesaSettings s, string receipt, string phone, long amount, bool whole, string originatorId,
        string remarks, CancellationToken ct)
    {
        var resultUrl = s.CallbackUrl.Replace("/mpesa/callback", "/mpesa/refund/result", StringComparison.Ordinal);
        var timeoutUrl = s.CallbackUrl.Replace("/mpesa/callback", "/mpesa/refund/timeout", StringComparison.Ordinal);
        var body = whole
            ? new Dictionary<string, object>
            {
                ["Initiator"] = s.Initiator, ["SecurityCredential"] = s.SecurityCredential, ["CommandID"] = "TransactionReversal", ["TransactionID"] = receipt,
                ["Amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), ["ReceiverParty"] = s.ShortCode,
                ["RecieverIdentifierType"] = "11", ["ResultURL"] = resultUrl, ["QueueTimeOutURL"] = timeoutUrl, ["Remarks"] = Cut(remarks, 100),
                ["Occasion"] = originatorId,
            }
            : new Dictionary<string, object>
            {
                ["OriginatorConversationID"] = originatorId, ["InitiatorName"] = s.Initiator, ["SecurityCredential"] = s.SecurityCredential,
                ["CommandID"] = "BusinessPayment", ["Amount"] = amount, ["PartyA"] = s.ShortCode, ["PartyB"] = phone, ["Remarks"] = Cut(remarks, 100),
                ["QueueTimeOutURL"] = timeoutUrl, ["ResultURL"] = resultUrl, ["Occasion"] = receipt,
            };
        var (status, text) = await SendAsync(PushClient, s, whole ? "/mpesa/reversal/v1/request" : "/mpesa/b2c/v3/paymentrequest", JsonSerializer.Serialize(body), ct);
        var answer = Parse(text);
        if (status is >= 200 and < 300 && Str(answer, "ResponseCode") == "0" && Str(answer, "ConversationID") is { } conversation)
            return new RefundAccepted(conversation, Str(answer, "OriginatorConversationID") ?? originatorId);
        throw Error(status, answer, text);
    }

    // Transaction Status for a refund we asked for, by our own OriginatorConversationID (never by an id a callback
    // claimed). Daraja only queues the question; its answer arrives at resultUrl, which carries a token only Daraja saw.
    public async Task<RefundAccepted> RefundStatusAsync(MpesaSettings s, string originatorId, string resultUrl, CancellationToken ct)
    {
        var body = new Dictionary<string, object>
        {
            ["Initiator"] = s.Initiator, ["SecurityCredential"] = s.SecurityCredential, ["CommandID"] = "TransactionStatusQuery", ["TransactionID"] = "",
            ["OriginalConversationID"] = originatorId, ["PartyA"] = s.ShortCode, ["IdentifierType"] = "4", ["ResultURL"] = resultUrl,
            ["QueueTimeOutURL"] = resultUrl, ["Remarks"] = "Refund status", ["Occasion"] = originatorId,
        };
        var (status, text) = await SendAsync(SafeClient, s, "/mpesa/transactionstatus/v1/query", JsonSerializer.Serialize(body), ct);
        var answer = Parse(text);
        if (status is >= 200 and < 300 && Str(answer, "ResponseCode") == "0" && Str(answer, "ConversationID") is { } conversation)
            return new RefundAccepted(conversation, Str(answer, "OriginatorConversationID") ?? originatorId);
        throw Error(status, answer, text);
    }
}
