using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Cli;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Identity;

// A demo customer to sign in with; never in Production, where a known password would be a hole.
internal sealed class IdentitySampleData(IHostEnvironment environment) : ISampleData
{
    public const string DemoEmail = "demo@afya.local";
    public const string DemoPassword = "afya-demo-2026";

    // Its own number, not the README's 0712345678, so following the examples before or after `seed` never collides.
    public const string DemoPhone = "+254700900100";

    public int Order => 0;

    public async Task<string> SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        if (environment.IsProduction()) return "Identity: no demo account in Production.";
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
        if (await db.Set<User>().AnyAsync(u => u.NormalizedEmail == DemoEmail, ct)) return $"Identity: demo account {DemoEmail} exists.";
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        // Someone may already have signed in with the demo number (or the username): the demo account then goes without it.
        var phoneTaken = await db.Set<User>().AnyAsync(u => u.PhoneNumber == DemoPhone && u.PhoneVerified, ct);
        var usernameTaken = await db.Set<User>().AnyAsync(u => u.NormalizedUsername == "demo", ct);
        var user = new User
        {
            Email = DemoEmail, NormalizedEmail = DemoEmail, Username = usernameTaken ? null : "demo", NormalizedUsername = usernameTaken ? null : "demo",
            Name = "Wanjiku Demo", FirstName = "Wanjiku", LastName = "Demo", City = "Nairobi", County = "Nairobi",
            PhoneNumber = phoneTaken ? null : DemoPhone, PhoneVerified = !phoneTaken, EmailVerified = true, CreatedAt = now, UpdatedAt = now,
            Roles = [new UserRole { Role = Roles.Customer }],
        };
        user.PasswordHash = scope.ServiceProvider.GetRequiredService<PasswordHashing>().Hash(user, DemoPassword);
        db.Add(user);
        await db.SaveChangesAsync(ct);
        return $"Identity: demo customer {DemoEmail} / {DemoPassword}";
    }
}
