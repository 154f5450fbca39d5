using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Identity.Contracts;

/// <summary>An email/password account another module opens on a user's behalf (a patient registering, for one).</summary>
public sealed record NewAccount(string? Email, string? Password, string? Name, string? PhoneNumber);

/// <summary>The account opened, with a signed-in session whose tokens carry its role.</summary>
public sealed record OpenedAccount(Guid UserId, string Email, string Name, string Access, string Refresh, string TokenType, int ExpiresIn);

/// <summary>Opens accounts with the same rules as /auth/register, through the caller's unit of work.</summary>
public interface IAccountOpener
{
    /// <summary>Creates the account with <paramref name="role"/>; a refused email or password is a problem with its code.</summary>
    Task<Result<OpenedAccount>> OpenAsync(NewAccount account, string role, CancellationToken ct);
}

/// <summary>Tells Identity that something /auth/me shows of an account changed in another module (a record
/// linked to it, its package in force), so the kept answer is dropped.</summary>
public interface IAccountChanges
{
    void Changed(Guid userId);
}

/// <summary>Records other modules keep for an account, shown on /auth/me. A module that keeps them registers its own.</summary>
public interface IAccountLinks
{
    /// <summary>The patient record this account is, if any.</summary>
    Task<Guid?> PatientIdAsync(Guid userId, CancellationToken ct);
}
