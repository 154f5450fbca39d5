using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Identity;

public sealed class JwtOptions
{
    public string Secret { get; set; } = "";
    public string Algorithm { get; set; } = "HS256";
    public string Issuer { get; set; } = "afya";
    public string Audience { get; set; } = "afya-api";

    // ACCESS_TOKEN_EXPIRY, in seconds as the seeds wrote it.
    public int AccessTokenSeconds { get; set; } = 15 * 60;

    // Access tokens given on the Kuwait clinic's routes: its app has no refresh route, and its README promises 24 hours.
    public int KuwaitAccessTokenSeconds { get; set; } = 24 * 60 * 60;

    // REFRESH_TOKEN_EXPIRY, in days.
    public int RefreshTokenDays { get; set; } = 30;

    // How long one node may trust its cached answer to "is this session still valid".
    public int RevocationCacheSeconds { get; set; } = 30;
}

public sealed class LockoutOptions
{
    public int MaxFailedAttempts { get; set; } = 5;
    public int MaxFailedAttemptsPerAddress { get; set; } = 20;
    public int LockoutMinutes { get; set; } = 15;

    // Past MaxFailedAttemptsPerAddress, every sign-in from that address waits this long, doubling with each
    // further failure up to the maximum; a right password for an account that is not locked still gets in.
    public int AddressBackoffMilliseconds { get; set; } = 250;
    public int AddressBackoffMaxMilliseconds { get; set; } = 4000;

    // Sign-ups from one client address per hour; beyond it, 429 before any check of the email or phone.
    public int MaxRegistrationsPerAddressPerHour { get; set; } = 20;
}

// Failures name the setting a person would have typed, seed name first.
internal sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    public static readonly string[] Algorithms = ["HS256", "HS384", "HS512"];

    public ValidateOptionsResult Validate(string? name, JwtOptions o)
    {
        var failures = new List<string>();
        if (!Algorithms.Contains(o.Algorithm, StringComparer.Ordinal))
            failures.Add($"JWT_ALGORITHM (Jwt__Algorithm) must be one of {string.Join(", ", Algorithms)}; got '{o.Algorithm}'.");
        if (string.IsNullOrWhiteSpace(o.Secret))
            failures.Add("JWT_SECRET (Jwt__Secret) is empty.");
        if (o.AccessTokenSeconds is < 30 or > 60 * 60 * 24 * 30)
            failures.Add($"ACCESS_TOKEN_EXPIRY (Jwt__AccessTokenSeconds) must be between 30 and 2592000 seconds; got {o.AccessTokenSeconds}.");
        if (o.KuwaitAccessTokenSeconds is < 30 or > 60 * 60 * 24 * 30)
            failures.Add($"Jwt__KuwaitAccessTokenSeconds must be between 30 and 2592000 seconds; got {o.KuwaitAccessTokenSeconds}.");
        if (o.RefreshTokenDays is < 1 or > 365)
            failures.Add($"REFRESH_TOKEN_EXPIRY (Jwt__RefreshTokenDays) must be between 1 and 365 days; got {o.RefreshTokenDays}.");
        if (o.RevocationCacheSeconds is < 0 or > 300)
            failures.Add($"Jwt__RevocationCacheSeconds must be between 0 and 300; got {o.RevocationCacheSeconds}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class LockoutOptionsValidator : IValidateOptions<LockoutOptions>
{
    public ValidateOptionsResult Validate(string? name, LockoutOptions o) =>
        o.MaxFailedAttempts < 1 || o.MaxFailedAttemptsPerAddress < 1 || o.LockoutMinutes < 1 || o.MaxRegistrationsPerAddressPerHour < 1
            || o.AddressBackoffMilliseconds < 0 || o.AddressBackoffMaxMilliseconds < o.AddressBackoffMilliseconds
            ? ValidateOptionsResult.Fail("Lockout__MaxFailedAttempts, Lockout__MaxFailedAttemptsPerAddress, Lockout__LockoutMinutes and "
                + "Lockout__MaxRegistrationsPerAddressPerHour must be at least 1; Lockout__AddressBackoffMilliseconds at least 0 and "
                + "at most Lockout__AddressBackoffMaxMilliseconds.")
            : ValidateOptionsResult.Success;
}
