using Afya.Api.Modules.Identity.Data;
using Microsoft.AspNetCore.Identity;

namespace Afya.Api.Modules.Identity;

// Hashes and checks passwords with ASP.NET Core Identity's hasher (PBKDF2 at its default work factor). The work
// factor comes from PasswordHasherOptions in the container: the test suite lowers it there, and no setting reaches it.
public sealed class PasswordHashing(IPasswordHasher<User> hasher)
{
    // Verifying against this when no account matches keeps "no such user" as slow as "wrong password".
    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(new User(), "not-a-real-password-0"));

    public string Hash(User user, string password) => hasher.HashPassword(user, password);

    // Checks a password in constant time; a null user is checked against the dummy hash so timing reveals nothing.
    public PasswordVerificationResult Verify(User? user, string password)
    {
        if (user?.PasswordHash is null)
        {
            hasher.VerifyHashedPassword(new User(), _dummyHash.Value, password);
            return PasswordVerificationResult.Failed;
        }
        return hasher.VerifyHashedPassword(user, user.PasswordHash, password);
    }
}
