namespace Afya.Api.Modules.Identity.Contracts;

/// <summary>What other modules may read about a user.</summary>
public interface IUserDirectory
{
    /// <summary>The name to show for a user (name, else username, else "Customer").</summary>
    Task<string> DisplayNameAsync(Guid userId, CancellationToken ct);

    /// <summary>The user's email address, when they have one.</summary>
    Task<string?> EmailAsync(Guid userId, CancellationToken ct);
}
