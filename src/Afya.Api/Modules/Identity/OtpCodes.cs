using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Afya.Api.Modules.Identity.Data;
using Afya.Api.Modules.Notifications.Contracts;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Settings;
using Afya.Api.Platform.Throttling;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Identity;

public sealed record OtpSent(string Message, string PhoneNumber, int ExpiresIn, int ResendIn, string? Code = null);

// Issues and checks phone codes. Codes come from a cryptographic generator and are stored as an HMAC keyed
// with SECRET_KEY; every limit is a database counter, so all API nodes enforce it together.
public sealed class OtpCodes(
    AfyaDb db, RateCounter counters, IOutbox outbox, IOptions<OtpOptions> options, IOptions<SecurityOptions> security,
    TimeProvider clock)
{
    private OtpOptions O => options.Value;

    public async Task<Result<OtpSent>> SendAsync(
        string phone, OtpPurpose purpose, Guid? userId, string? clientAddress, CancellationToken ct)
    {
        if (await LimitAsync(phone, purpose, clientAddress, ct) is { } limited) return limited;
        return await IssueAsync(phone, purpose, userId, ct);
    }

    // Counts a send against every limit (per address, per-number cooldown, per number) and refuses past one.
    // Callers limit first and look things up after, so limits cannot be sidestepped to probe numbers.
    public async Task<ProblemHttpResult?> LimitAsync(string phone, OtpPurpose purpose, string? clientAddress, CancellationToken ct)
    {
        var hour = TimeSpan.FromHours(1);
        var fromAddress = await counters.HitAsync($"otp:address:{clientAddress ?? "unknown"}", hour, int.MaxValue, TimeSpan.Zero, ct);
        if (fromAddress > O.MaxSendsPerAddressPerHour)
            return ApiProblem.TooMany("RATE_LIMITED", "Too many codes requested from this address; try again later.", hour);

        var cooldown = TimeSpan.FromSeconds(O.ResendCooldownSeconds);
        if (O.ResendCooldownSeconds > 0)
        {
            var recent = await counters.HitAsync($"otp:cooldown:{purpose}:{phone}", cooldown, int.MaxValue, TimeSpan.Zero, ct);
            if (recent > 1) return ApiProblem.TooMany("OTP_RESEND_TOO_SOON", "A code was sent moments ago; wait before asking again.", cooldown);
        }

        var toNumber = await counters.HitAsync($"otp:number:{phone}", hour, int.MaxValue, TimeSpan.Zero, ct);
        if (toNumber > O.MaxSendsPerNumberPerHour)
            return ApiProblem.TooMany("RATE_LIMITED", "Too many codes sent to this number; try again in an hour.", hour);
        return null;
    }

    // For support (the staff console): codes sent since a time, newest first, never the code or its hash; and the per-number
    // limits, so a number at the limit can be told apart from one whose messages do not arrive.
    public IQueryable<OtpSendRow> Sends(DateTime since, string? phone) =>
        db.Set<OtpChallenge>().AsNoTracking().Where(c => c.CreatedAt >= since && (phone == null || c.PhoneNumber == phone))
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Select(c => new OtpSendRow(c.PhoneNumber, c.Purpose, c.CreatedAt, c.ExpiresAt, c.ConsumedAt, c.Attempts));

    public int MaxAttempts => O.MaxAttempts;
    public int MaxSendsPerNumberPerHour => O.MaxSendsPerNumberPerHour;

    public async Task<OtpSent> IssueAsync(string phone, OtpPurpose purpose, Guid? userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var code = NewCode();
        await AddChallengeAsync(phone, purpose, userId, code, now, ct);
        outbox.Enqueue(db, new OutgoingText(phone, "otp", new Dictionary<string, string>
        {
            ["code"] = code,
            ["minutes"] = Math.Max(1, O.LifetimeSeconds / 60).ToString(CultureInfo.InvariantCulture),
        }, Urgent: true, SecretUntil: now.AddSeconds(O.LifetimeSeconds)));
        await db.SaveChangesAsync(ct);
        return Answer(phone, code);
    }

    // The send for a number that belongs to someone else: a challenge whose code goes to nobody, so any code checked
    // against it is answered exactly as a wrong code for a free number (attempts left, then too many), never "no active
    // code", which told a stranger the number is known. The answer has the same shape; with Echo on, a code stored nowhere.
    public async Task<OtpSent> IssueDecoyAsync(string phone, OtpPurpose purpose, Guid? userId, CancellationToken ct)
    {
        await AddChallengeAsync(phone, purpose, userId, NewCode(), clock.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        return Answer(phone, NewCode());
    }

    // A new code replaces any earlier one for the same number and purpose.
    private async Task AddChallengeAsync(string phone, OtpPurpose purpose, Guid? userId, string code, DateTime now, CancellationToken ct)
    {
        await db.Set<OtpChallenge>().Where(c => c.PhoneNumber == phone && c.Purpose == purpose && c.ConsumedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.ConsumedAt, now), ct);
        db.Add(new OtpChallenge
        {
            PhoneNumber = phone,
            Purpose = purpose,
            UserId = userId,
            CodeHash = Hash(phone, purpose, code),
            CreatedAt = now,
            ExpiresAt = now.AddSeconds(O.LifetimeSeconds),
        });
    }

    private OtpSent Answer(string phone, string code) =>
        new("Verification code sent.", phone, O.LifetimeSeconds, O.ResendCooldownSeconds, O.Echo ? code : null);

    // Checks a code and spends it. Of two concurrent checks of one right code, exactly one succeeds.
    public async Task<ProblemHttpResult?> VerifyAsync(string phone, string? code, IReadOnlyCollection<OtpPurpose> purposes, Guid? userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var challenge = await db.Set<OtpChallenge>().AsNoTracking()
            .Where(c => c.PhoneNumber == phone && purposes.Contains(c.Purpose) && c.ConsumedAt == null && (userId == null || c.UserId == userId))
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (challenge is null) return Invalid("No active code for this number; request a new one.");
        if (challenge.ExpiresAt <= now) return ApiProblem.Field("code", "This code has expired; request a new one.", "OTP_EXPIRED");
        if (challenge.Attempts >= O.MaxAttempts) return TooManyAttempts();

        var presented = code?.Trim() ?? "";
        var matches = presented.Length == O.Length && presented.All(char.IsAsciiDigit)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(phone, challenge.Purpose, presented)), Encoding.ASCII.GetBytes(challenge.CodeHash));
        if (!matches)
        {
            await db.Set<OtpChallenge>().Where(c => c.Id == challenge.Id && c.Attempts < O.MaxAttempts)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Attempts, c => c.Attempts + 1), ct);
            var attempts = await db.Set<OtpChallenge>().Where(c => c.Id == challenge.Id).Select(c => c.Attempts).FirstAsync(ct);
            return attempts >= O.MaxAttempts ? TooManyAttempts() : Invalid("The code is wrong.", O.MaxAttempts - attempts);
        }

        var claimed = await db.Set<OtpChallenge>()
            .Where(c => c.Id == challenge.Id && c.ConsumedAt == null && c.Attempts < O.MaxAttempts && c.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.ConsumedAt, now), ct);
        return claimed == 1 ? null : Invalid("This code was already used; request a new one.");
    }

    private static ProblemHttpResult Invalid(string detail, int? attemptsLeft = null) => ApiProblem.Of(
        StatusCodes.Status400BadRequest, "OTP_INVALID", "The verification code is not valid.", detail,
        attemptsLeft is { } left ? new Dictionary<string, object?> { ["attempts_left"] = left } : null);

    private static ProblemHttpResult TooManyAttempts() =>
        ApiProblem.TooMany("OTP_TOO_MANY_ATTEMPTS", "Too many wrong codes; request a new one.");

    private string NewCode()
    {
        var max = (int)Math.Pow(10, O.Length);
        return RandomNumberGenerator.GetInt32(0, max).ToString(CultureInfo.InvariantCulture).PadLeft(O.Length, '0');
    }

    private string Hash(string phone, OtpPurpose purpose, string code)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(security.Value.SecretKey), 32, info: "afya-otp"u8.ToArray());
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{phone}|{purpose}|{code}")));
    }
}

public sealed record OtpSendRow(string PhoneNumber, OtpPurpose Purpose, DateTime CreatedAt, DateTime ExpiresAt, DateTime? ConsumedAt, int Attempts);
