using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Payments;

// Bound from Mpesa:* and the seeds' MPESA_* names (MPESA_ENVIRONMENT, MPESA_CONSUMER_KEY, MPESA_CONSUMER_SECRET,
// MPESA_BUSINESS_SHORT_CODE or MPESA_SHORTCODE, MPESA_PASSKEY, MPESA_CALLBACK_URL, MPESA_BUSINESS_NAME).
public sealed class MpesaOptions
{
    public const string SandboxPasskey = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
    public const string SimulatorCredential = "afya-simulator";

    // sandbox | production | simulator; empty: simulator, except in Production where it must be set.
    public string? Environment { get; set; }
    public string? ConsumerKey { get; set; }
    public string? ConsumerSecret { get; set; }
    public string? ShortCode { get; set; }
    public string? Passkey { get; set; }
    public string? CallbackUrl { get; set; }
    public string BusinessName { get; set; } = "Afya";

    // paybill (CustomerPayBillOnline) or till (CustomerBuyGoodsOnline; PartyB is TillNumber).
    public string TransactionType { get; set; } = "paybill";
    public string? TillNumber { get; set; }

    // The Reversal and B2C initiator (production secrets, set like the consumer secret) and whether a second payment
    // for something already paid is refunded without waiting for staff.
    public string? Initiator { get; set; }
    public string? SecurityCredential { get; set; }
    public bool AutoRefundDoublePayments { get; set; } = true;

    // A callback is not proof of payment: ask Daraja (STK query) before marking paid.
    public bool ConfirmWithQuery { get; set; } = true;

    // Pushes still pending after this are asked about by the reconciliation job, which runs this often.
    public int ReconcileAfterSeconds { get; set; } = 120;
    public int ReconcileEverySeconds { get; set; } = 30;

    // A push with no final answer after this long (Daraja's prompt times out well within it) and MaxQueryAttempts
    // questions is expired; a callback is re-asked about at most InboxMaxAttempts times before reconciliation owns it.
    public int ExpireAfterSeconds { get; set; } = 300;
    public int MaxQueryAttempts { get; set; } = 6;
    public int InboxMaxAttempts { get; set; } = 8;
    public double InboxEverySeconds { get; set; } = 1;

    // Pushes per target phone and per user: none to a phone within PhoneCooldownSeconds of the last one, and hourly caps.
    public int PhoneCooldownSeconds { get; set; } = 20;
    public int PhoneHourly { get; set; } = 5;
    public int UserHourly { get; set; } = 10;

    // Where the simulator answers when MPESA_ENVIRONMENT=simulator; empty: this host's own /daraja-sim.
    public string? SimulatorUrl { get; set; }
    public SimulatorOptions Simulator { get; set; } = new();

    public static void ReadSeedNames(MpesaOptions o, IConfiguration c)
    {
        o.Environment = c["MPESA_ENVIRONMENT"] ?? o.Environment;
        o.ConsumerKey = c["MPESA_CONSUMER_KEY"] ?? o.ConsumerKey;
        o.ConsumerSecret = c["MPESA_CONSUMER_SECRET"] ?? o.ConsumerSecret;
        o.ShortCode = c["MPESA_BUSINESS_SHORT_CODE"] ?? c["MPESA_SHORTCODE"] ?? o.ShortCode;
        o.Passkey = c["MPESA_PASSKEY"] ?? o.Passkey;
        o.CallbackUrl = c["MPESA_CALLBACK_URL"] ?? o.CallbackUrl;
        o.BusinessName = c["MPESA_BUSINESS_NAME"] ?? o.BusinessName;
    }
}

public sealed class SimulatorOptions
{
    public string ConsumerKey { get; set; } = MpesaOptions.SimulatorCredential;
    public string ConsumerSecret { get; set; } = MpesaOptions.SimulatorCredential;
    public string ShortCode { get; set; } = "174379";
    public string Passkey { get; set; } = MpesaOptions.SandboxPasskey;

    // How long the simulated customer takes to answer the prompt on their phone.
    public int CallbackDelayMilliseconds { get; set; } = 3000;

    // Where the simulator keeps its pushes (JSON lines) so STK query answers for them after a restart, as Daraja would;
    // empty: afya-daraja-sim.jsonl in the temporary directory. Separate from Afya's own records on purpose.
    public string? StorePath { get; set; }
}

// The settings in force for one call: the admin's stored override over the configured ones.
public sealed record MpesaSettings(string Environment, string BaseUrl, string ConsumerKey, string ConsumerSecret, string ShortCode, string Passkey,
    string CallbackUrl, string BusinessName, string TransactionType, string PartyB)
{
    // Where each value in force comes from: "stored" (the admin's config), "setting" (Mpesa:* / MPESA_*) or "default".
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();

    public bool IsSimulator => Environment == "simulator";

    public string Initiator { get; init; } = "";
    public string SecurityCredential { get; init; } = "";
}

public sealed class MpesaSettingsSource(AfyaDb db, IOptions<MpesaOptions> options, IDataProtectionProvider protection, IServer server, IHostEnvironment host,
    IConfiguration configuration)
{
    public const string Purpose = "Afya.Payments.Mpesa";
    public static readonly string[] Environments = ["sandbox", "production", "simulator"];

    public IDataProtector Protector => protection.CreateProtector(Purpose);

    public async Task<MpesaSettings> CurrentAsync(CancellationToken ct)
    {
        var o = options.Value;
        var row = await db.Set<MpesaConfigRow>().AsNoTracking().OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
        var environment = (row?.Environment ?? o.Environment)?.Trim().ToLowerInvariant() is { Length: > 0 } e ? e : host.IsProduction() ? "production" : "simulator";
        var simulator = environment == "simulator";
        var self = SelfUrl();
        var baseUrl = environment switch
        {
            "production" => "https://api.safaricom.co.ke",
            "sandbox" => "https://sandbox.safaricom.co.ke",
            _ => (o.SimulatorUrl is { Length: > 0 } s ? s : self + DarajaSimulator.Prefix).TrimEnd('/'),
        };
        string? Unprotect(string? value) => value is null ? null : Protector.Unprotect(value);
        var sources = new Dictionary<string, string> { ["environment"] = row?.Environment is not null ? "stored" : o.Environment is { Length: > 0 } ? "setting" : "default" };
        string Pick(string name, string? stored, string? setting, string fallback)
        {
            sources[name] = stored is not null ? "stored" : setting is not null ? "setting" : "default";
            return stored ?? setting ?? fallback;
        }
        string key, secret, shortCode, passkey;
        if (simulator)
        {
            // The simulator is never sent live credentials, and left-over stored keys cannot make its pushes fail.
            (key, secret, shortCode, passkey) = (o.Simulator.ConsumerKey, o.Simulator.ConsumerSecret, o.Simulator.ShortCode, o.Simulator.Passkey);
            foreach (var name in new[] { "consumer_key", "consumer_secret", "business_short_code", "lipa_na_mpesa_passkey" }) sources[name] = "simulator default";
        }
        else
        {
            key = Pick("consumer_key", Unprotect(row?.ConsumerKeyProtected), o.ConsumerKey, "");
            secret = Pick("consumer_secret", Unprotect(row?.ConsumerSecretProtected), o.ConsumerSecret, "");
            shortCode = Pick("business_short_code", row?.ShortCode, o.ShortCode, "174379");
            passkey = Pick("lipa_na_mpesa_passkey", Unprotect(row?.PasskeyProtected), o.Passkey, MpesaOptions.SandboxPasskey);
        }
        // Safaricom must reach the callback: outside the simulator the default is the public URL, not this host's bind address.
        var publicUrl = simulator ? self : configuration["Http:PublicUrl"]?.TrimEnd('/') ?? self;
        var callback = Pick("callback_url", row?.CallbackUrl, o.CallbackUrl, publicUrl + "/api/v1/payments/mpesa/callback");
        var business = Pick("business_name", row?.BusinessName, null, o.BusinessName);
        var till = o.TransactionType.Equals("till", StringComparison.OrdinalIgnoreCase);
        return new MpesaSettings(environment, baseUrl, key, secret, shortCode, passkey, callback, business,
            till ? "CustomerBuyGoodsOnline" : "CustomerPayBillOnline", till ? o.TillNumber ?? shortCode : shortCode) {
            Sources = sources,
            Initiator = simulator ? MpesaOptions.SimulatorCredential : o.Initiator ?? "",
            SecurityCredential = simulator ? MpesaOptions.SimulatorCredential : o.SecurityCredential ?? "",
        };
    }

    // This host's own address (for the in-host simulator and a default callback URL); wildcard hosts become loopback.
    private string SelfUrl()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5000";
        return address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }
}
