using System.Security.Cryptography;
using System.Text;
using Afya.Api.Admin.Data;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using OtpNet;

namespace Afya.Api.Admin;

// TOTP (RFC 6238, 30-second steps, six digits) and single-use recovery codes for staff sign-in.
public sealed class StaffTwoFactorStore(AfyaDb db, IDataProtectionProvider protection, TimeProvider clock)
{
    public const int RecoveryCodeCount = 10;
    private readonly IDataProtector _protector = protection.CreateProtector("Afya.Console.Totp");

    public Task<StaffTwoFactor?> FindAsync(Guid userId, CancellationToken ct) =>
        db.Set<StaffTwoFactor>().AsNoTracking().FirstOrDefaultAsync(t => t.UserId == userId, ct);

    // The secret being enrolled: kept across page loads until confirmed, so the QR code does not change under the user.
    public async Task<string> PendingSecretAsync(Guid userId, CancellationToken ct)
    {
        var row = await db.Set<StaffTwoFactor>().FirstOrDefaultAsync(t => t.UserId == userId, ct);
        if (row is { ConfirmedAt: not null }) throw new InvalidOperationException("Two-factor sign-in is already set up.");
        if (row is not null) return _protector.Unprotect(row.ProtectedSecret);
        var secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
        db.Add(new StaffTwoFactor { UserId = userId, ProtectedSecret = _protector.Protect(secret), CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        return secret;
    }

    public static string OtpAuthUri(string secret, string account) =>
        $"otpauth://totp/Afya:{Uri.EscapeDataString(account)}?secret={secret}&issuer=Afya&digits=6&period=30";

    // Confirms enrolment with a first code and returns the recovery codes, shown once.
    public async Task<IReadOnlyList<string>?> ConfirmAsync(Guid userId, string code, CancellationToken ct)
    {
        var row = await FindAsync(userId, ct);
        if (row is null || row.ConfirmedAt is not null || Step(row, code) is not { } step) return null;
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        var rows = await db.Set<StaffTwoFactor>().Where(t => t.UserId == userId && t.ConfirmedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.ConfirmedAt, clock.GetUtcNow().UtcDateTime).SetProperty(t => t.LastUsedStep, step)
                .SetProperty(t => t.RecoveryCodeHashes, string.Join(',', codes.Select(Hash))), ct);
        return rows == 1 ? codes : null;
    }

    // A six-digit code from the app (each step once), or one of the recovery codes (each once).
    public async Task<bool> VerifyAsync(Guid userId, string code, CancellationToken ct)
    {
        var row = await FindAsync(userId, ct);
        if (row?.ConfirmedAt is null) return false;
        code = code.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (code.Length == 6 && code.All(char.IsAsciiDigit))
        {
            if (Step(row, code) is not { } step || step <= row.LastUsedStep) return false;
            return await db.Set<StaffTwoFactor>().Where(t => t.UserId == userId && t.LastUsedStep < step)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedStep, step), ct) == 1;
        }
        var hashes = row.RecoveryCodeHashes.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!hashes.Remove(Hash(code.ToUpperInvariant()))) return false;
        // Conditional on the list read: two sign-ins racing with one recovery code cannot both spend it.
        return await db.Set<StaffTwoFactor>().Where(t => t.UserId == userId && t.RecoveryCodeHashes == row.RecoveryCodeHashes)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RecoveryCodeHashes, string.Join(',', hashes)), ct) == 1;
    }

    public static int RecoveryCodesLeft(StaffTwoFactor row) => row.RecoveryCodeHashes.Split(',', StringSplitOptions.RemoveEmptyEntries).Length;

    private long? Step(StaffTwoFactor row, string code)
    {
        var totp = new Totp(Base32Encoding.ToBytes(_protector.Unprotect(row.ProtectedSecret)));
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code.Trim(), out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }

    private static string NewRecoveryCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 10);
        return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
    }

    private static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code.Replace("-", "", StringComparison.Ordinal))));
}
