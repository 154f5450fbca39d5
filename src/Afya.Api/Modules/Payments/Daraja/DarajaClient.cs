using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Afya.Api.Modules.Payments.Daraja;

public sealed record StkPush(string Phone, long Amount, string AccountReference, string Description);

public sealed record StkPushAccepted(string MerchantRequestId, string CheckoutRequestId, string CustomerMessage, string RequestJson, string ResponseJson);

// ResultCode null: Daraja is still processing the push (its 500.001.1001 answer).
public sealed record StkQueryResult(int? ResultCode, string ResultDesc, string ResponseJson);

// Daraja refused or could not be reached. Transient: worth asking again later (never for a push: it may have gone out).
// DarajasWords: what Daraja itself said (its errorMessage or ResponseDescription), the only text a customer may read.
public sealed class DarajaException(string message, string? errorCode = null, int? httpStatus = null, bool transient = false,
    string? darajasWords = null) : Exception(message)
{
    public string? ErrorCode { get; } = errorCode;
    public int? HttpStatus { get; } = httpStatus;
    public bool Transient { get; } = transient;

    // What a customer may read: Daraja's own refusal, never this side's (host names, addresses, socket errors, a proxy's
    // page, our credentials refused), which belongs in the log.
    public string Said => darajasWords ?? (Transient ? "M-Pesa could not be reached." : "M-Pesa refused the payment request.");
}

// Safaricom's Daraja API (or the simulator, which speaks the same): OAuth, STK push, STK query.
public sealed partial class DarajaClient(IHttpClientFactory clients, DarajaTokens tokens, TimeProvider clock)
{
    public const string SafeClient = "daraja";
    public const string PushClient = "daraja-push";
    private static readonly TimeSpan EastAfrica = TimeSpan.FromHours(3);

    public async Task<StkPushAccepted> PushAsync(MpesaSettings s, StkPush push, CancellationToken ct)
    {
        var (password, timestamp) = Password(s);
        var body = new Dictionary<string, object>
        {
            ["BusinessShortCode"] = s.ShortCode, ["Password"] = password, ["Timestamp"] = timestamp, ["TransactionType"] = s.TransactionType,
            ["Amount"] = push.Amount, ["PartyA"] = push.Phone, ["PartyB"] = s.PartyB, ["PhoneNumber"] = push.Phone, ["CallBackURL"] = s.CallbackUrl,
            ["AccountReference"] = Cut(push.AccountReference, 12), ["TransactionDesc"] = Cut(push.Description, 13),
        };
        var requestJson = JsonSerializer.Serialize(body);
        // Sent once, on a client without retries: a push that timed out may still reach the phone, so it is never repeated blindly.
        var (status, text) = await SendAsync(PushClient, s, "/mpesa/stkpush/v1/processrequest", requestJson, ct);
        var answer = Parse(text);
        if (status is >= 200 and < 300 && Str(answer, "ResponseCode") == "0" && Str(answer, "CheckoutRequestID") is { } checkout)
            return new StkPushAccepted(Str(answer, "MerchantRequestID") ?? "", checkout, Str(answer, "CustomerMessage") ?? "", Mask(requestJson, password), text);
        throw Error(status, answer, text);
    }

    public async Task<StkQueryResult> QueryAsync(MpesaSettings s, string checkoutRequestId, CancellationToken ct)
    {
        var (password, timestamp) = Password(s);
        var json = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["BusinessShortCode"] = s.ShortCode, ["Password"] = password, ["Timestamp"] = timestamp, ["CheckoutRequestID"] = checkoutRequestId,
        });
        var (status, text) = await SendAsync(SafeClient, s, "/mpesa/stkpushquery/v1/query", json, ct);
        var answer = Parse(text);
        if (Str(answer, "errorCode") == "500.001.1001") return new StkQueryResult(null, Str(answer, "errorMessage") ?? "The transaction is being processed", text);
        if (status is >= 200 and < 300 && int.TryParse(Str(answer, "ResultCode"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
            return new StkQueryResult(code, Str(answer, "ResultDesc") ?? "", text);
        throw Error(status, answer, text);
    }

    private async Task<(int Status, string Text)> SendAsync(string client, MpesaSettings s, string path, string json, CancellationToken ct)
    {
        var token = await tokens.GetAsync(s, ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, s.BaseUrl + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await clients.CreateClient(client).SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (Str(Parse(text), "errorCode") == "404.001.03") tokens.Forget(s);
            return ((int)response.StatusCode, text);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new DarajaException($"Daraja could not be reached: {ex.Message}", transient: true);
        }
    }

    private (string Password, string Timestamp) Password(MpesaSettings s)
    {
        var timestamp = clock.GetUtcNow().ToOffset(EastAfrica).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        return (Convert.ToBase64String(Encoding.UTF8.GetBytes(s.ShortCode + s.Passkey + timestamp)), timestamp);
    }

    private static DarajaException Error(int status, JsonElement? answer, string text)
    {
        var words = Str(answer, "errorMessage") ?? Str(answer, "ResponseDescription");
        return new(words ?? $"Daraja answered {status}: {(text.Length > 200 ? text[..200] : text)}",
            Str(answer, "errorCode") ?? Str(answer, "ResponseCode"), status, transient: status >= 500 || status == 429, darajasWords: words);
    }

    internal static JsonElement? Parse(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Daraja sends some numbers as strings and some strings as numbers.
    internal static string? Str(JsonElement? e, string name) =>
        e is { } o && o.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];

    private static string Mask(string json, string password) => json.Replace(password, "***", StringComparison.Ordinal);

    // 2547XXXXXXXX or 2541XXXXXXXX from the forms people type; null when it is not a Kenyan mobile number.
    public static string? NormalizePhone(string? input) =>
        Platform.Phone.PhoneNormalizer.Normalize(input, "KE") is { } e164 && e164.StartsWith("+254", StringComparison.Ordinal) && e164.Length == 13
            && e164[4] is '7' or '1' ? e164[1..] : null;
}

// OAuth tokens, cached per credentials until a minute before they expire; one fetch at a time.
public sealed class DarajaTokens(IHttpClientFactory clients, TimeProvider clock) : IDisposable
{
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Until)> _cache = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    private static string Key(MpesaSettings s) => $"{s.BaseUrl}|{s.ConsumerKey}|{s.ConsumerSecret.GetHashCode(StringComparison.Ordinal)}";

    public void Dispose() => _gate.Dispose();

    public void Forget(MpesaSettings s) => _cache.TryRemove(Key(s), out _);

    public async Task<string> GetAsync(MpesaSettings s, CancellationToken ct)
    {
        if (_cache.TryGetValue(Key(s), out var hit) && hit.Until > clock.GetUtcNow()) return hit.Token;
        await _gate.WaitAsync(ct);
        try
        {
            if (_cache.TryGetValue(Key(s), out hit) && hit.Until > clock.GetUtcNow()) return hit.Token;
            using var request = new HttpRequestMessage(HttpMethod.Get, s.BaseUrl + "/oauth/v1/generate?grant_type=client_credentials");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{s.ConsumerKey}:{s.ConsumerSecret}")));
            HttpResponseMessage response;
            try
            {
                response = await clients.CreateClient(DarajaClient.SafeClient).SendAsync(request, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                throw new DarajaException($"Daraja could not be reached: {ex.Message}", transient: true);
            }
            using (response)
            {
                var answer = DarajaClient.Parse(await response.Content.ReadAsStringAsync(ct));
                var token = DarajaClient.Str(answer, "access_token");
                if (!response.IsSuccessStatusCode || token is null)
                    throw new DarajaException("Daraja refused the consumer key and secret.", "401.oauth", (int)response.StatusCode, transient: (int)response.StatusCode >= 500);
                var seconds = int.TryParse(DarajaClient.Str(answer, "expires_in"), CultureInfo.InvariantCulture, out var e) ? e : 3599;
                _cache[Key(s)] = (token, clock.GetUtcNow().AddSeconds(Math.Max(seconds - 60, 1)));
                return token;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
