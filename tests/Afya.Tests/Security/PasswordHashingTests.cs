using System.Buffers.Binary;
using Afya.Api.Modules.Identity.Data;
using Afya.Tests.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Security;

// Passwords are stored as Identity's PBKDF2 hashes at its default work factor. The suite lowers the factor for its own
// apps (AfyaFactory.TestPasswordIterations); these check that the lowering stays in the tests.
public sealed class PasswordHashingTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task An_app_the_tests_do_not_tune_stores_passwords_at_identitys_default_work_factor(Db db)
    {
        await using var app = new AfyaFactory(db, fastPasswords: false);
        var session = await app.Client().RegisterAsync();

        var iterations = await IterationsOfStoredHashAsync(app, session.Email);

        iterations.ShouldBe(new PasswordHasherOptions().IterationCount);
        iterations.ShouldBeGreaterThanOrEqualTo(100_000);
        await (await app.Client().PostJson("/api/v1/auth/login", new { email = session.Email, password = session.Password })).ShouldBe(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_suites_own_apps_hash_at_the_lowered_factor_so_a_sign_up_stays_cheap()
    {
        await using var app = new AfyaFactory(Db.Sqlite);
        var session = await app.Client().RegisterAsync();

        (await IterationsOfStoredHashAsync(app, session.Email)).ShouldBe(AfyaFactory.TestPasswordIterations);
    }

    // Identity's version 3 format: a marker byte 0x01, the PRF (4 bytes), the iteration count (4 bytes, big-endian), ...
    private static async Task<int> IterationsOfStoredHashAsync(AfyaFactory app, string email)
    {
        var stored = await app.WithDbAsync(db => db.Set<User>().Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync());
        var bytes = Convert.FromBase64String(stored!);
        bytes[0].ShouldBe((byte)0x01);
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }
}
