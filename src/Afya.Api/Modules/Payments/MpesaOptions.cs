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

    // A callback is not proof of payment: ask Daraja (STK query) before marking paid.
    public bool ConfirmWithQuery { get; set; } = true;

    // Pushes still pending after this are asked about by the reconciliation job, which runs this often.
    public int ReconcileAfterSeconds { get; set; } = 120;
    public int ReconcileEverySeconds { get; set; } = 30;

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
}

// The settings in force for one call: the admin's stored override over the configured ones.
public sealed record MpesaSettings(string Environment, string BaseUrl, string ConsumerKey, string ConsumerSecret, string ShortCode, string Passkey,
    string CallbackUrl, string BusinessName, string TransactionType, string PartyB)
{
    public bool IsSimulator => Environment == "simulator";
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
        var key = Unprotect(row?.ConsumerKeyProtected) ?? o.ConsumerKey ?? (simulator ? o.Simulator.ConsumerKey : "");
        var secret = Unprotect(row?.ConsumerSecretProtected) ?? o.ConsumerSecret ?? (simulator ? o.Simulator.ConsumerSecret : "");
        var shortCode = row?.ShortCode ?? o.ShortCode ?? "174379";
        var passkey = Unprotect(row?.PasskeyProtected) ?? o.Passkey ?? MpesaOptions.SandboxPasskey;
        // Safaricom must reach the callback: outside the simulator the default is the public URL, not this host's bind address.
        var publicUrl = simulator ? self : configuration["Http:PublicUrl"]?.TrimEnd('/') ?? self;
        var callback = row?.CallbackUrl ?? o.CallbackUrl ?? publicUrl + "/api/v1/payments/mpesa/callback";
        var till = o.TransactionType.Equals("till", StringComparison.OrdinalIgnoreCase);
        return new MpesaSettings(environment, baseUrl, key, secret, shortCode, passkey, callback, row?.BusinessName ?? o.BusinessName,
            till ? "CustomerBuyGoodsOnline" : "CustomerPayBillOnline", till ? o.TillNumber ?? shortCode : shortCode);
    }

    // This host's own address (for the in-host simulator and a default callback URL); wildcard hosts become loopback.
    private string SelfUrl()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5000";
        return address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }
}
