using Afya.Api.Modules.Payments.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.DataProtection;

namespace Afya.Api.Modules.Payments;

// Dira's config shape. Secrets are stored encrypted (Data Protection) and only ever answered masked.
public sealed record MpesaConfigRequest(string? Environment, string? ConsumerKey, string? ConsumerSecret, string? BusinessShortCode,
    string? LipaNaMpesaPasskey, string? CallbackUrl, string? BusinessName);

public sealed record MpesaConfigResponse(string Environment, string ConsumerKey, string ConsumerSecret, string BusinessShortCode,
    string LipaNaMpesaPasskey, string CallbackUrl, string BusinessName, DateTime? UpdatedAt, IReadOnlyDictionary<string, string> Sources);

public static class MpesaConfig
{
    public static async Task<Ok<MpesaConfigResponse>> Get(AfyaDb db, MpesaSettingsSource settings, CancellationToken ct) =>
        TypedResults.Ok(await AnswerAsync(db, settings, ct));

    public static async Task<Results<Ok<MpesaConfigResponse>, ProblemHttpResult>> Post(
        MpesaConfigRequest request, AfyaDb db, MpesaSettingsSource settings, IHostEnvironment host, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var environment = request.Environment?.Trim().ToLowerInvariant();
        if (environment is not null && !MpesaSettingsSource.Environments.Contains(environment)) errors["environment"] = ["environment must be sandbox, production or simulator."];
        // The simulator answers "paid" without money moving: a live shop switched to it by one stored setting would give
        // goods away. Production takes it only from the start-up setting (MPESA_ENVIRONMENT), never from this route.
        else if (environment == "simulator" && host.IsProduction()) errors["environment"] = ["The simulator cannot take a production shop's payments; set MPESA_ENVIRONMENT at start-up for a demo."];
        if (request.BusinessShortCode is { } code && (code.Length is < 5 or > 10 || !code.All(char.IsAsciiDigit))) errors["business_short_code"] = ["business_short_code is 5 to 10 digits."];
        if (request.CallbackUrl is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var u) || u.Scheme is not ("https" or "http") || url.Length > 500))
            errors["callback_url"] = ["callback_url must be an absolute http(s) URL (Daraja requires https outside the simulator)."];
        if ((request.BusinessName?.Length ?? 0) > 100) errors["business_name"] = ["business_name may be at most 100 characters."];
        foreach (var (field, value) in new[] { ("consumer_key", request.ConsumerKey), ("consumer_secret", request.ConsumerSecret), ("lipa_na_mpesa_passkey", request.LipaNaMpesaPasskey) })
            if ((value?.Length ?? 0) > 200) errors[field] = [$"{field} may be at most 200 characters."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        // One row: parallel first writes race to insert it; the loser applies its fields to the winner's row instead of a 500.
        await EnsureRowAsync(db, clock, ct);
        var row = await db.Set<MpesaConfigRow>().SingleAsync(r => r.Id == 1, ct);
        var protector = settings.Protector;
        if (environment is not null) row.Environment = environment;
        if (request.ConsumerKey is { Length: > 0 } key) row.ConsumerKeyProtected = protector.Protect(key);
        if (request.ConsumerSecret is { Length: > 0 } secret) row.ConsumerSecretProtected = protector.Protect(secret);
        if (request.LipaNaMpesaPasskey is { Length: > 0 } passkey) row.PasskeyProtected = protector.Protect(passkey);
        if (request.BusinessShortCode is not null) row.ShortCode = request.BusinessShortCode;
        if (request.CallbackUrl is not null) row.CallbackUrl = request.CallbackUrl;
        if (request.BusinessName is not null) row.BusinessName = request.BusinessName.Trim();
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await AnswerAsync(db, settings, ct));
    }

    // Only the fields sent change (a partial write keeps the rest), so concurrent writes of different fields both land
    // as far as EF's per-property UPDATE allows; the insert itself is the only race, settled by the unique key.
    private static async Task EnsureRowAsync(AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Set<MpesaConfigRow>().AnyAsync(ct)) return;
        var row = new MpesaConfigRow { UpdatedAt = clock.GetUtcNow().UtcDateTime };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another request inserted it first: use theirs.
        }
        db.Entry(row).State = EntityState.Detached;
    }

    private static async Task<MpesaConfigResponse> AnswerAsync(AfyaDb db, MpesaSettingsSource settings, CancellationToken ct)
    {
        var s = await settings.CurrentAsync(ct);
        var updated = await db.Set<MpesaConfigRow>().AsNoTracking().OrderBy(r => r.Id).Select(r => (DateTime?)r.UpdatedAt).FirstOrDefaultAsync(ct);
        return new MpesaConfigResponse(s.Environment, Mask(s.ConsumerKey), Mask(s.ConsumerSecret), s.ShortCode, Mask(s.Passkey), s.CallbackUrl, s.BusinessName, updated, s.Sources);
    }

    // Enough to recognise which value is set, never enough to use it.
    private static string Mask(string value) => value.Length switch
    {
        0 => "",
        <= 8 => new string('*', value.Length),
        _ => value[..4] + new string('*', 8),
    };
}
