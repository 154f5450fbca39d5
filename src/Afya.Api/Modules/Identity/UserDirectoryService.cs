using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Identity;

internal sealed class UserDirectoryService(AfyaDb db, ProfileCache profiles) : IUserDirectory
{
    public async Task<string> DisplayNameAsync(Guid userId, CancellationToken ct)
    {
        var row = await db.Set<User>().AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Name, u.Username }).FirstOrDefaultAsync(ct);
        return row is null ? "Customer" : row.Name.Length > 0 ? row.Name : row.Username ?? "Customer";
    }

    public async Task<IReadOnlyDictionary<Guid, int>> NumbersAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
        userIds.Count == 0 ? new Dictionary<Guid, int>()
            : await db.Set<User>().AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.PublicNumber, ct);

    public async Task<Guid?> IdOfNumberAsync(int number, CancellationToken ct) =>
        await db.Set<User>().AsNoTracking().Where(u => u.PublicNumber == number).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);

    public Task<bool> HasRoleAsync(Guid userId, string role, CancellationToken ct) =>
        db.Set<User>().AsNoTracking().AnyAsync(u => u.Id == userId && u.IsActive && u.Roles.Any(r => r.Role == role), ct);

    public async Task<string?> EmailAsync(Guid userId, CancellationToken ct) =>
        await db.Set<User>().AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);

    public async Task<string?> PhoneAsync(Guid userId, CancellationToken ct) =>
        await db.Set<User>().AsNoTracking().Where(u => u.Id == userId && u.PhoneVerified).Select(u => u.PhoneNumber).FirstOrDefaultAsync(ct);

    public async Task FillMissingAsync(Guid userId, string? name, string? nationalId, CancellationToken ct)
    {
        if (name is { Length: > 0 })
            await db.Set<User>().Where(u => u.Id == userId && u.Name == "").ExecuteUpdateAsync(u => u.SetProperty(x => x.Name, name), ct);
        if (nationalId is { Length: > 0 })
            await db.Set<User>().Where(u => u.Id == userId && u.NationalId == null).ExecuteUpdateAsync(u => u.SetProperty(x => x.NationalId, nationalId), ct);
        profiles.Changed(userId);
    }
}
