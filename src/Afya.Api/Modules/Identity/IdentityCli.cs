using System.CommandLine;
using Afya.Api.Modules.Identity.Data;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Cli;
using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Identity;

// `afya create-admin --email --password`: creates the account, or makes an existing one an admin.
internal sealed class CreateAdminCommand : ICliCommand
{
    public Command Build(IServiceProvider services)
    {
        var email = new Option<string>("--email") { Description = "The admin's email.", Required = true };
        var password = new Option<string>("--password") { Description = "At least 8 characters, not all digits.", Required = true };
        var command = new Command("create-admin", "Create an admin account (or promote an existing one).") { email, password };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var address = parse.GetValue(email)!;
            var secret = parse.GetValue(password)!;
            if (Credentials.EmailProblem(address) is { } emailProblem) { await output.WriteLineAsync(emailProblem); return 2; }
            if (Credentials.PasswordProblem(secret, address) is { } passwordProblem) { await output.WriteLineAsync(passwordProblem); return 2; }

            await DatabaseSetup.MigrateAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AfyaDb>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var normalized = User.NormalizeEmail(address);
            var user = await db.Set<User>().Include(u => u.Roles).FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
            if (user is null)
            {
                var username = Credentials.UsernameFromEmail(address);
                if (await db.Set<User>().AnyAsync(u => u.NormalizedUsername == User.NormalizeUsername(username), ct)) username = normalized;
                user = new User
                {
                    Email = address.Trim(), NormalizedEmail = normalized, Username = username, NormalizedUsername = User.NormalizeUsername(username),
                    Name = "Administrator", EmailVerified = true, CreatedAt = now, UpdatedAt = now,
                    Roles = [new UserRole { Role = Roles.Customer }],
                };
                db.Add(user);
            }
            user.PasswordHash = scope.ServiceProvider.GetRequiredService<PasswordHashing>().Hash(user, secret);
            user.IsActive = true;
            user.SecurityStamp = User.NewStamp();
            if (user.Roles.All(r => r.Role != Roles.Admin)) user.Roles.Add(new UserRole { UserId = user.Id, Role = Roles.Admin });
            await db.SaveChangesAsync(ct);
            await output.WriteLineAsync($"Admin ready: {user.Email} ({user.Id})");
            return 0;
        });
        return command;
    }
}
