using System.Net;
using Afya.Api.Platform.Cli;
using Afya.Tests.Modules.Identity;
using Afya.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Afya.Tests.PlatformTests;

// `afya seed` is safe to run whatever was created before it: the README's examples, or someone who already took
// the sample data's own phone number, username or Aadhaar number.
public sealed class SeedAfterExamplesTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Seed_succeeds_after_the_README_examples_and_after_its_own_numbers_were_taken(Db provider)
    {
        await using var app = new AfyaFactory(provider);
        // The README's phone sign-in and patient registration, and the sample data's own phone taken first.
        await app.SignInByPhoneAsync("+254712345678"); // the README's 0712345678
        await app.SignInByPhoneAsync("+254700900100");
        await (await app.Client().PostJson("/api/v1/auth/register/patient", new
        {
            email = "asha@example.com", password = "s3cure-pass", name = "Asha Patel", aadhaar_number = "2341 2341 2346",
            date_of_birth = "1990-04-12", gender = "Female",
        })).ShouldBe(HttpStatusCode.Created);

        var environment = app.Services.GetRequiredService<IHostEnvironment>();
        var output = new StringWriter();
        (await AfyaCli.RunAsync(app.Services, environment, ["seed"], output)).ShouldBe(0, output.ToString());
        (await AfyaCli.RunAsync(app.Services, environment, ["seed"], output)).ShouldBe(0, output.ToString());
        output.ToString().ShouldContain("demo patient patient@afya.local");

        // The README's registration still works after the seed: the sample data's Aadhaar number is its own.
        await (await app.Client().PostJson("/api/v1/auth/register/patient", new
        {
            email = "ravi@example.com", password = "s3cure-pass", name = "Ravi", aadhaar_number = "2341 2341 2346",
            date_of_birth = "1985-01-01", gender = "Male",
        })).ShouldBeProblem(HttpStatusCode.Conflict, "AADHAAR_TAKEN"); // taken by Asha above, not by the seed
        await (await app.Client().PostJson("/api/v1/auth/login", new { email = "demo@afya.local", password = "afya-demo-2026" })).ShouldBe(HttpStatusCode.OK);
    }
}
