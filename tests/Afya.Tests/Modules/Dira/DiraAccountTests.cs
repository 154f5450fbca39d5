using System.Net;
using Afya.Api.Modules.Notifications.Data;
using Afya.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Modules.Dira;

// A new installation as a Dira operator meets it: the first admin by HTTP, and account mails whose links open the
// configured storefront's routes. Each test has an installation of its own (no admin yet).
public sealed class DiraAccountTests
{
    private const string Storefront = "https://shop.dira.example";

    private static AfyaFactory Fresh(Db provider) => new(provider, new Dictionary<string, string?> { ["Http:StorefrontUrl"] = Storefront + "/" });

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_first_admin_is_set_up_once_on_an_installation_without_one(Db provider)
    {
        await using var app = Fresh(provider);
        var email = Calls.UniqueEmail("first-admin");
        (await (await app.Client().PostJson("/api/v1/admin/setup-initial-admin", new { email, hashed_password = "short" })).ShouldBe(HttpStatusCode.BadRequest))
            ["code"]!.GetValue<string>().ShouldBe("VALIDATION_FAILED");
        var created = await (await app.Client().PostJson("/api/v1/admin/setup-initial-admin", new
        {
            email, hashed_password = "Dira-admin-2024", first_name = "Grace", last_name = "Njeri", phone_number = "0700111222",
        })).ShouldBe(HttpStatusCode.Created);
        created["id"]!.GetValue<int>().ShouldBePositive();
        created.ToJsonString().ShouldNotContain("Dira-admin-2024");

        var login = await (await app.Client().PostJson("/api/v1/auth/login", new { username = email, password = "Dira-admin-2024" })).ShouldBe(HttpStatusCode.OK);
        var admin = app.Client().WithToken(login["access_token"]!.GetValue<string>());
        (await (await admin.GetAsync("/api/v1/auth/user/me")).ShouldBe(HttpStatusCode.OK))["role"]!.GetValue<string>().ShouldBe("admin");
        await (await admin.GetAsync("/api/v1/admin/dashboard")).ShouldBe(HttpStatusCode.OK);

        var again = await (await app.Client().PostJson("/api/v1/admin/setup-initial-admin", new { email = Calls.UniqueEmail("second"), password = "Dira-admin-2025" }))
            .ShouldBe(HttpStatusCode.Forbidden);
        again["code"]!.GetValue<string>().ShouldBe("ADMIN_EXISTS");
        again["detail"]!.GetValue<string>().ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Dira_account_mails_open_the_storefronts_routes_and_reset_the_password(Db provider)
    {
        await using var app = Fresh(provider);
        var email = Calls.UniqueEmail("dira-links");
        await (await app.Client().PostJson("/api/v1/auth/signup", new { email, hashed_password = "Pharmacy-2024", first_name = "Amina", last_name = "Otieno" }))
            .ShouldBe(HttpStatusCode.Created);
        var verify = await LinkTokenAsync(app, email, "welcome", $"{Storefront}/auth/verify-account/");
        await (await app.Client().PostJson("/api/v1/auth/request-verification-link", new { email })).ShouldBe(HttpStatusCode.OK);
        await LinkTokenAsync(app, email, "verify_email", $"{Storefront}/auth/verify-account/");
        await (await app.Client().GetAsync($"/api/v1/auth/verify-account/{verify}")).ShouldBe(HttpStatusCode.OK);

        (await (await app.Client().PostJson("/api/v1/auth/reset-password", new { email })).ShouldBe(HttpStatusCode.OK))["message"]!.GetValue<string>().ShouldNotBeEmpty();
        var reset = await LinkTokenAsync(app, email, "password_reset", $"{Storefront}/auth/confirm-reset-password/");
        (await (await app.Client().PostJson($"/api/v1/auth/confirm-reset-password/{reset}", new { new_password = "After-reset-9", confirm_new_password = "Other-9999" }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity))["detail"]![0]!["loc"]![1]!.GetValue<string>().ShouldBe("confirm_new_password");
        await (await app.Client().PostJson($"/api/v1/auth/confirm-reset-password/{reset}", new { new_password = "After-reset-9", confirm_new_password = "After-reset-9" }))
            .ShouldBe(HttpStatusCode.OK);
        await (await app.Client().PostJson("/api/v1/auth/login", new { username = email, password = "After-reset-9" })).ShouldBe(HttpStatusCode.OK);
        (await (await app.Client().PostJson($"/api/v1/auth/confirm-reset-password/{reset}", new { new_password = "Again-reset-9", confirm_new_password = "Again-reset-9" }))
            .ShouldBe(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().ShouldBe("INVALID_TOKEN");

        // Afya's own routes keep Afya's pages.
        var native = await app.Client().RegisterAsync();
        await LinkTokenAsync(app, native.Email, "welcome", "/verify-email?token=");
    }

    private static Task<string> LinkTokenAsync(AfyaFactory app, string email, string template, string marker) => Calls.Eventually(() => app.WithDbAsync(async db =>
    {
        var message = await db.Set<OutboxMessage>().Where(m => m.Recipient == email && m.Template == template).OrderByDescending(m => m.CreatedAt).FirstOrDefaultAsync();
        if (message is null) return null;
        var start = message.TextBody.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0) throw new ShouldAssertException($"The {template} mail has no {marker} link:\n{message.TextBody}");
        start += marker.Length;
        var end = message.TextBody.IndexOfAny(['\n', '\r', ' '], start);
        return message.TextBody[start..(end < 0 ? message.TextBody.Length : end)];
    }), what: template + " mail");
}
