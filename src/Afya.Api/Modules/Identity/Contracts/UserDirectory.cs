namespace Afya.Api.Modules.Identity.Contracts;

/// <summary>What other modules may read about a user.</summary>
public interface IUserDirectory
{
    /// <summary>The name to show for a user (name, else username, else "Customer").</summary>
    Task<string> DisplayNameAsync(Guid userId, CancellationToken ct);

    /// <summary>The user's email address, when they have one.</summary>
    Task<string?> EmailAsync(Guid userId, CancellationToken ct);

    /// <summary>The user's verified phone (E.164), when they have one.</summary>
    Task<string?> PhoneAsync(Guid userId, CancellationToken ct);

    /// <summary>Sets name and national ID only where the profile has none; values are trusted (validate first).</summary>
    Task FillMissingAsync(Guid userId, string? name, string? nationalId, CancellationToken ct);

    /// <summary>The public numbers (what integer-id clients such as Dira's know users by) of the users asked for that exist.</summary>
    Task<IReadOnlyDictionary<Guid, int>> NumbersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct);

    /// <summary>The account with this public number (the integer id of seeds that use integers), if any.</summary>
    Task<Guid?> IdOfNumberAsync(int number, CancellationToken ct);

    /// <summary>Whether this active account holds the role.</summary>
    Task<bool> HasRoleAsync(Guid userId, string role, CancellationToken ct);
}

/// <summary>A package the profile shows (/auth/me, Kuwait /api/user/profile); the clinic module supplies it.</summary>
public sealed record ProfilePackage(Guid SubscriptionId, Guid PackageId, string Name, string NameAr, string Status, DateTime StartsAt, DateTime EndsAt,
    int DaysRemaining, IReadOnlyList<ProfilePackageService> Services)
{
    /// <summary>When this answer changes by the passing of time alone (a day less remaining, the end).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTime ChangesAt { get; init; } = DateTime.MaxValue;
}

public sealed record ProfilePackageService(string Service, int Included, int Used, int Remaining);

/// <summary>The user's package in force now, or null; the clinic module registers the real one.</summary>
public interface IActivePackageReader
{
    Task<ProfilePackage?> ActiveAsync(Guid userId, CancellationToken ct);
}

