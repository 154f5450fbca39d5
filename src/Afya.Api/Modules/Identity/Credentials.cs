using System.Net.Mail;

namespace Afya.Api.Modules.Identity;

// The account rules for emails, usernames and passwords, in one place for every route that takes them.
public static class Credentials
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;

    // The most guessed passwords long enough to pass the length rule (the Healthcare seed accepted `password`).
    private static readonly HashSet<string> TooCommon = new(
        ["password", "password1", "password12", "password123", "passw0rd", "qwertyuiop", "qwerty123", "iloveyou", "sunshine", "football",
         "baseball", "welcome1", "letmein1", "abcd1234", "abc12345", "trustno1", "superman", "princess", "admin123", "changeme"],
        StringComparer.OrdinalIgnoreCase);

    public static string? EmailProblem(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return "Email is required.";
        var trimmed = email.Trim();
        if (trimmed.Length > 254 || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed
            || !trimmed.Contains('@', StringComparison.Ordinal) || trimmed.EndsWith('.'))
            return "Enter a valid email address.";
        return null;
    }

    public static string? UsernameProblem(string? username)
    {
        if (username is null) return null;
        var u = username.Trim();
        if (u.Length is < 3 or > 150) return "Username must be 3 to 150 characters.";
        if (!u.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '@'))
            return "Username may contain only letters, digits and . _ - + @.";
        return null;
    }

    public static string? PasswordProblem(string? password, string? email)
    {
        if (string.IsNullOrEmpty(password)) return "Password is required.";
        if (password.Length < MinPasswordLength) return $"Password must be at least {MinPasswordLength} characters.";
        if (password.Length > MaxPasswordLength) return $"Password must be at most {MaxPasswordLength} characters.";
        if (password.All(char.IsDigit)) return "Password cannot be entirely numeric.";
        if (TooCommon.Contains(password)) return "This password is too common.";
        if (email is not null && string.Equals(password.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))
            return "Password cannot be your email address.";
        return null;
    }

    // A username made from an email's local part, for accounts registered without one.
    public static string UsernameFromEmail(string email)
    {
        var local = email.Split('@')[0];
        var cleaned = new string(local.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-').ToArray());
        if (cleaned.Length < 3) cleaned = (cleaned + "user").ToLowerInvariant();
        return cleaned.Length > 140 ? cleaned[..140] : cleaned;
    }
}
