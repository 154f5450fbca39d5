using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Afya.Api.Modules.Payments.Daraja;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Cli;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Payments;

// A stand-in for Safaricom's Daraja sandbox that ships with Afya: OAuth, STK push and STK query with Daraja's shapes
// and checks, and the callback POSTed over real HTTP to CallBackURL after a short delay. The outcome is chosen by
// the phone's last four digits or the amount: 1032 cancelled, 1037 unreachable, 2001 wrong PIN, 0001 or more than
// 70,000 KES insufficient funds (ResultCode 1), 9999 paid but the callback never comes; anything else succeeds.
// POST {prefix}/behaviours {phone_number, result_code, callbacks, delay_milliseconds, callback_amount, forget,
// refund_result_code, refund_delay_milliseconds, refund_callbacks} overrides
// that per phone. Pushes are kept in SimulatorStore (a file), so queries answer after a restart; ids are random.
public sealed partial class DarajaSimulator(IOptions<MpesaOptions> options, ISimulatorCallbackSender callbacks, SimulatorStore store, ILogger<DarajaSimulator> logger)
{
    public const string Prefix = "/daraja-sim";
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new();
    private static readonly TimeProvider Outside = TimeProvider.System;

    private SimulatorOptions O => options.Value.Simulator;

    // Anonymous by nature (it stands in for Safaricom), so it is not served by a production host unless that host was
    // started to take its payments from it: otherwise anyone could make the host POST to addresses of their choosing.
    public static bool IsServed(IServiceProvider services) =>
        !services.GetRequiredService<IHostEnvironment>().IsProduction() || string.Equals(services.GetRequiredService<IOptions<MpesaOptions>>().Value.Environment?.Trim(), "simulator", StringComparison.OrdinalIgnoreCase);

    // Bounds on what POST /behaviours may ask for, so one request cannot start an unbounded number of outgoing calls.
    internal const int MaxCallbacks = 5;
    internal const int MaxDelayMilliseconds = 600_000;

    public static void Map(IEndpointRouteBuilder app, string prefix = Prefix)
    {
        var sim = app.MapGroup(prefix).ExcludeFromDescription().AllowAnonymous().WithMetadata(new OwnBearerCheck());
        sim.MapGet("/oauth/v1/generate", (HttpRequest r, DarajaSimulator s) => s.Token(r));
        sim.MapPost("/mpesa/stkpush/v1/processrequest", (HttpRequest r, DarajaSimulator s, CancellationToken ct) => s.StkPushAsync(r, ct));
        sim.MapPost("/mpesa/stkpushquery/v1/query", (HttpRequest r, DarajaSimulator s, CancellationToken ct) => s.QueryAsync(r, ct));
        sim.MapPost("/behaviours", (SimulatorBehaviour b, DarajaSimulator s) => s.Behave(b));
        sim.MapPost("/mpesa/reversal/v1/request", (HttpRequest r, DarajaSimulator s, CancellationToken ct) => s.RefundAsync(r, true, ct));
        sim.MapPost("/mpesa/b2c/v3/paymentrequest", (HttpRequest r, DarajaSimulator s, CancellationToken ct) => s.RefundAsync(r, false, ct));
        sim.MapPost("/mpesa/transactionstatus/v1/query", (HttpRequest r, DarajaSimulator s, CancellationToken ct) => s.RefundStatusAsync(r, ct));
    }

    // Reversal (the whole payment, by its receipt) or B2C (an amount to a phone): queued at once, the Result POSTed later.
    private async Task<IResult> RefundAsync(HttpRequest request, bool reversal, CancellationToken ct)
    {
        if (!Authorized(request)) return Error(401, "404.001.03", "Invalid Access Token");
        if (await ReadAsync(request, ct) is not { } b) return Error(400, "400.002.02", "Bad Request - Invalid JSON");
        if (Text(b, "SecurityCredential") != MpesaOptions.SimulatorCredential) return Error(400, "400.002.02", "Bad Request - Invalid SecurityCredential");
        if (!Uri.TryCreate(Text(b, "ResultURL"), UriKind.Absolute, out var resultUrl)) return Error(400, "400.002.02", "Bad Request - Invalid ResultURL");
        if (!long.TryParse(Text(b, "Amount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var amount) || amount < 1)
            return Error(400, "400.002.02", "Bad Request - Invalid Amount");
        string phone;
        if (reversal)
        {
            if (Text(b, "TransactionID") is not { } receipt || store.FindByReceipt(receipt) is not { } paid) return Error(400, "400.002.02", "Bad Request - Invalid TransactionID");
            if (amount != paid.Amount) return Error(400, "400.002.02", "Bad Request - Invalid Amount");
            phone = paid.Phone;
        }
        else if (Text(b, "PartyB") is { } partyB && KenyanMobile().IsMatch(partyB)) phone = partyB;
        else return Error(400, "400.002.02", "Bad Request - Invalid PartyB");
        var conversation = $"AG_{Convert.ToHexString(RandomNumberGenerator.GetBytes(12))}";
        var originator = Text(b, "OriginatorConversationID") ?? Text(b, "Occasion") ?? $"{RandomNumberGenerator.GetInt32(10000, 99999)}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}-1";
        var behaviour = store.BehaviourFor(phone);
        var code = behaviour?.RefundResultCode ?? 0;
        var refund = new SimulatedRefund(originator, conversation, amount, phone, code,
            code == 0 ? "The service request is processed successfully." : "The transaction could not be reversed.",
            "SIR" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4))[..7],
            Outside.GetUtcNow().AddMilliseconds(behaviour?.RefundDelayMilliseconds ?? Math.Min(O.CallbackDelayMilliseconds, 1_000)));
        store.AddRefund(refund);
        for (var i = 0; i < (behaviour?.RefundCallbacks ?? 1); i++)
            _ = PostResultLaterAsync(resultUrl.ToString(), refund.DueAt, conversation, () => Result(refund, originator, conversation, final: true));
        return Results.Json(new Dictionary<string, string>
        {
            ["OriginatorConversationID"] = originator, ["ConversationID"] = conversation, ["ResponseCode"] = "0",
            ["ResponseDescription"] = "Accept the service request successfully.",
        });
    }

    // Transaction Status for a refund, by the OriginalConversationID it was requested under: queued, and the answer
    // POSTed to the ResultURL given here (Pending until the refund is due, then Completed or Failed with its code).
    private async Task<IResult> RefundStatusAsync(HttpRequest request, CancellationToken ct)
    {
        if (!Authorized(request)) return Error(401, "404.001.03", "Invalid Access Token");
        if (await ReadAsync(request, ct) is not { } b) return Error(400, "400.002.02", "Bad Request - Invalid JSON");
        if (Text(b, "SecurityCredential") != MpesaOptions.SimulatorCredential) return Error(400, "400.002.02", "Bad Request - Invalid SecurityCredential");
        if (!Uri.TryCreate(Text(b, "ResultURL"), UriKind.Absolute, out var resultUrl)) return Error(400, "400.002.02", "Bad Request - Invalid ResultURL");
        if (Text(b, "OriginalConversationID") is not { Length: > 0 } original || store.FindRefund(original) is not { } refund)
            return Error(400, "400.002.02", "Bad Request - Invalid OriginalConversationID");
        var conversation = $"AG_{Convert.ToHexString(RandomNumberGenerator.GetBytes(12))}";
        var originator = $"{RandomNumberGenerator.GetInt32(10000, 99999)}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}-1";
        var final = Outside.GetUtcNow() >= refund.DueAt;
        _ = PostResultLaterAsync(resultUrl.ToString(), Outside.GetUtcNow(), conversation, () => Result(refund, originator, conversation, final));
        return Results.Json(new Dictionary<string, string>
        {
            ["OriginatorConversationID"] = originator, ["ConversationID"] = conversation, ["ResponseCode"] = "0",
            ["ResponseDescription"] = "Accept the service request successfully.",
        });
    }

    private static Dictionary<string, object?> Result(SimulatedRefund refund, string originator, string conversation, bool final) => new()
    {
        ["ResultType"] = 0, ["ResultCode"] = final ? refund.ResultCode : 0, ["ResultDesc"] = final ? refund.ResultDesc : "The transaction is being processed",
        ["OriginatorConversationID"] = originator, ["ConversationID"] = conversation, ["TransactionID"] = refund.TransactionId,
        ["ResultParameters"] = new Dictionary<string, object>
        {
            ["ResultParameter"] = new object[]
            {
                new Dictionary<string, object> { ["Key"] = "TransactionStatus", ["Value"] = !final ? "Pending" : refund.ResultCode == 0 ? "Completed" : "Failed" },
                new Dictionary<string, object> { ["Key"] = "Amount", ["Value"] = refund.Amount },
            },
        },
    };

    private async Task PostResultLaterAsync(string url, DateTimeOffset due, string conversation, Func<Dictionary<string, object?>> result)
    {
        await Task.Delay(due - Outside.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, Outside);
        try
        {
            await callbacks.SendAsync(url, JsonSerializer.Serialize(new Dictionary<string, object> { ["Result"] = result() }), CancellationToken.None);
        }
        catch (HttpRequestException ex)
        {
            LogLost(logger, ex, conversation, url);
        }
    }

    private IResult Behave(SimulatorBehaviour behaviour)
    {
        if (DarajaClient.NormalizePhone(behaviour.PhoneNumber) is not { } phone) return Error(400, "400.002.02", "Bad Request - Invalid PhoneNumber");
        if (behaviour.Callbacks is < 0 or > MaxCallbacks || behaviour.RefundCallbacks is < 0 or > MaxCallbacks)
            return Error(400, "400.002.02", $"Bad Request - callbacks must be 0 to {MaxCallbacks}");
        if (behaviour.DelayMilliseconds is < 0 or > MaxDelayMilliseconds || behaviour.RefundDelayMilliseconds is < 0 or > MaxDelayMilliseconds)
            return Error(400, "400.002.02", $"Bad Request - delays must be 0 to {MaxDelayMilliseconds} ms");
        store.Behave(behaviour with { PhoneNumber = phone });
        return Results.Json(behaviour with { PhoneNumber = phone });
    }

    private IResult Token(HttpRequest request)
    {
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{O.ConsumerKey}:{O.ConsumerSecret}"));
        if (request.Query["grant_type"] != "client_credentials" || request.Headers.Authorization.ToString() != $"Basic {expected}")
            return Results.Text("", statusCode: 400);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(21));
        var now = Outside.GetUtcNow();
        // Expired tokens go as new ones come, so asking for tokens in a loop cannot grow the dictionary without bound.
        foreach (var (old, expires) in _tokens)
            if (expires <= now) _tokens.TryRemove(old, out _);
        _tokens[token] = now.AddSeconds(3599);
        return Results.Json(new Dictionary<string, string> { ["access_token"] = token, ["expires_in"] = "3599" });
    }

    private async Task<IResult> StkPushAsync(HttpRequest request, CancellationToken ct)
    {
        if (!Authorized(request)) return Error(401, "404.001.03", "Invalid Access Token");
        var body = await ReadAsync(request, ct);
        if (body is null) return Error(400, "400.002.02", "Bad Request - Invalid JSON");
        var b = body.Value;
        if (Text(b, "BusinessShortCode") != O.ShortCode) return Error(400, "400.002.02", "Bad Request - Invalid BusinessShortCode");
        if (!PasswordMatches(b)) return Error(400, "400.002.02", "Bad Request - Invalid Password");
        if (Text(b, "TransactionType") is not ("CustomerPayBillOnline" or "CustomerBuyGoodsOnline")) return Error(400, "400.002.02", "Bad Request - Invalid TransactionType");
        if (!b.TryGetProperty("Amount", out var a) || !a.TryGetInt64(out var amount) || amount < 1) return Error(400, "400.002.02", "Bad Request - Invalid Amount");
        var phone = Text(b, "PhoneNumber") ?? "";
        if (!KenyanMobile().IsMatch(phone) || Text(b, "PartyA") != phone) return Error(400, "400.002.02", "Bad Request - Invalid PhoneNumber");
        if (!Uri.TryCreate(Text(b, "CallBackURL"), UriKind.Absolute, out var callback) || callback.Scheme is not ("http" or "https"))
            return Error(400, "400.002.02", "Bad Request - Invalid CallBackURL");
        if (Text(b, "AccountReference") is not { Length: >= 1 and <= 12 }) return Error(400, "400.002.02", "Bad Request - Invalid AccountReference");
        if (Text(b, "TransactionDesc") is not { Length: >= 1 and <= 13 }) return Error(400, "400.002.02", "Bad Request - Invalid TransactionDesc");

        var now = Outside.GetUtcNow();
        var (code, desc, sends) = Outcome(phone, amount);
        var behaviour = store.BehaviourFor(phone);
        if (behaviour?.ResultCode is { } forced) (code, desc) = (forced, Describe(forced));
        var count = behaviour?.Callbacks ?? (sends ? 1 : 0);
        // Unguessable ids: 128 random bits each, in Daraja's outward shapes.
        var push = new SimulatedPush($"{RandomNumberGenerator.GetInt32(10000, 99999)}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}-1",
            $"ws_CO_{Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}", amount, phone, callback.ToString(), code, desc, count,
            now.AddMilliseconds(behaviour?.DelayMilliseconds ?? O.CallbackDelayMilliseconds), "SIM" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4))[..7],
            behaviour?.CallbackAmount, behaviour?.Forget == true);
        store.Add(push);
        for (var i = 0; i < count; i++) _ = DeliverLaterAsync(push);
        return Results.Json(new Dictionary<string, string>
        {
            ["MerchantRequestID"] = push.MerchantRequestId, ["CheckoutRequestID"] = push.CheckoutRequestId, ["ResponseCode"] = "0",
            ["ResponseDescription"] = "Success. Request accepted for processing", ["CustomerMessage"] = "Success. Request accepted for processing",
        });
    }

    private async Task<IResult> QueryAsync(HttpRequest request, CancellationToken ct)
    {
        if (!Authorized(request)) return Error(401, "404.001.03", "Invalid Access Token");
        var body = await ReadAsync(request, ct);
        if (body is null) return Error(400, "400.002.02", "Bad Request - Invalid JSON");
        if (Text(body.Value, "BusinessShortCode") != O.ShortCode) return Error(400, "400.002.02", "Bad Request - Invalid BusinessShortCode");
        if (!PasswordMatches(body.Value)) return Error(400, "400.002.02", "Bad Request - Invalid Password");
        if (Text(body.Value, "CheckoutRequestID") is not { } id || store.Find(id) is not { Forgotten: false } push)
            return Error(400, "400.002.02", "Bad Request - Invalid CheckoutRequestID");
        if (Outside.GetUtcNow() < push.DueAt) return Error(500, "500.001.1001", "The transaction is being processed");
        return Results.Json(new Dictionary<string, string>
        {
            ["ResponseCode"] = "0", ["ResponseDescription"] = "The service request has been accepted successsfully",
            ["MerchantRequestID"] = push.MerchantRequestId, ["CheckoutRequestID"] = push.CheckoutRequestId,
            ["ResultCode"] = push.ResultCode.ToString(CultureInfo.InvariantCulture), ["ResultDesc"] = push.ResultDesc,
        });
    }

    private static (int Code, string Desc, bool SendsCallback) Outcome(string phone, long amount) =>
        (phone[^4..], amount) switch
        {
            ("1032", _) or (_, 1032) => (1032, "Request cancelled by user", true),
            ("1037", _) or (_, 1037) => (1037, "DS timeout user cannot be reached", true),
            ("2001", _) or (_, 2001) => (2001, "The initiator information is invalid.", true),
            ("0001", _) or (_, > 70_000) => (1, "The balance is insufficient for the transaction.", true),
            ("9999", _) or (_, 9999) => (0, "The service request is processed successfully.", false),
            _ => (0, "The service request is processed successfully.", true),
        };

    private static string Describe(int code) => code switch
    {
        0 => "The service request is processed successfully.",
        1 => "The balance is insufficient for the transaction.",
        1032 => "Request cancelled by user",
        1037 => "DS timeout user cannot be reached",
        2001 => "The initiator information is invalid.",
        1001 => "Unable to lock subscriber, a transaction is already in process for the current subscriber",
        1019 => "Transaction has expired",
        _ => "The push could not be completed.",
    };

    private async Task DeliverLaterAsync(SimulatedPush push)
    {
        await Task.Delay(push.DueAt - Outside.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, Outside);
        var callback = new Dictionary<string, object?>
        {
            ["MerchantRequestID"] = push.MerchantRequestId, ["CheckoutRequestID"] = push.CheckoutRequestId,
            ["ResultCode"] = push.ResultCode, ["ResultDesc"] = push.ResultDesc,
        };
        if (push.ResultCode == 0)
            callback["CallbackMetadata"] = new Dictionary<string, object>
            {
                ["Item"] = new object[]
                {
                    new Dictionary<string, object> { ["Name"] = "Amount", ["Value"] = push.CallbackAmount ?? push.Amount },
                    new Dictionary<string, object> { ["Name"] = "MpesaReceiptNumber", ["Value"] = push.Receipt },
                    new Dictionary<string, object> { ["Name"] = "Balance" },
                    new Dictionary<string, object> { ["Name"] = "TransactionDate", ["Value"] = long.Parse(push.DueAt.ToOffset(TimeSpan.FromHours(3)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) },
                    new Dictionary<string, object> { ["Name"] = "PhoneNumber", ["Value"] = long.Parse(push.Phone, CultureInfo.InvariantCulture) },
                },
            };
        var json = JsonSerializer.Serialize(new Dictionary<string, object> { ["Body"] = new Dictionary<string, object> { ["stkCallback"] = callback } });
        try
        {
            await callbacks.SendAsync(push.CallbackUrl, json, CancellationToken.None);
        }
        catch (HttpRequestException ex)
        {
            // As with Safaricom, a callback that cannot be delivered is simply lost.
            LogLost(logger, ex, push.CheckoutRequestId, push.CallbackUrl);
        }
    }

    private bool Authorized(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } h && h.StartsWith("Bearer ", StringComparison.Ordinal)
        && _tokens.TryGetValue(h[7..], out var until) && until > Outside.GetUtcNow();

    private bool PasswordMatches(JsonElement b) =>
        Text(b, "Timestamp") is { Length: 14 } ts && Text(b, "Password") == Convert.ToBase64String(Encoding.UTF8.GetBytes(O.ShortCode + O.Passkey + ts));

    private static async Task<JsonElement?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : null : null;

    private static IResult Error(int status, string code, string message) => Results.Json(new Dictionary<string, string>
    {
        ["requestId"] = $"{RandomNumberGenerator.GetInt32(10000, 99999)}-{RandomNumberGenerator.GetInt32(1000000, 9999999)}-1",
        ["errorCode"] = code, ["errorMessage"] = message,
    }, statusCode: status);

    [GeneratedRegex("^254[71][0-9]{8}$")]
    private static partial Regex KenyanMobile();

    [LoggerMessage(LogLevel.Warning, "Simulated callback for {CheckoutRequestId} could not be delivered to {Url}")]
    private static partial void LogLost(ILogger logger, Exception exception, string checkoutRequestId, string url);
}

// How the simulator delivers callbacks: an HTTP POST to CallBackURL. Replaceable so a host that cannot be reached
// over the network (an in-memory test server) can still receive them.
public interface ISimulatorCallbackSender
{
    Task SendAsync(string url, string json, CancellationToken ct);
}

internal sealed class HttpCallbackSender(IHttpClientFactory clients) : ISimulatorCallbackSender
{
    public async Task SendAsync(string url, string json, CancellationToken ct)
    {
        using var response = await clients.CreateClient("daraja-sim-callback").PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"), ct);
    }
}

// `afya daraja-sim --port N`: the simulator alone, for another system or a second terminal.
internal sealed class DarajaSimulatorCommand : ICliCommand
{
    public Command Build(IServiceProvider services)
    {
        var port = new Option<int>("--port") { Description = "Port to listen on.", DefaultValueFactory = _ => 8089 };
        var command = new Command("daraja-sim", "Run the Daraja simulator alone (OAuth, STK push, STK query, callbacks).") { port };
        command.SetAction(async (parse, ct) =>
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://0.0.0.0:{parse.GetValue(port)}");
            builder.Services.AddSingleton(services.GetRequiredService<IOptions<MpesaOptions>>());
            builder.Services.AddHttpClient();
            builder.Services.AddSingleton<ISimulatorCallbackSender, HttpCallbackSender>();
            builder.Services.AddSingleton<SimulatorStore>();
            builder.Services.AddSingleton<DarajaSimulator>();
            await using var app = builder.Build();
            DarajaSimulator.Map(app, "");
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
