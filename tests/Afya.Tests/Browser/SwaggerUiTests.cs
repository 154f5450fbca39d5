using Afya.Tests.Platform;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Afya.Tests.Browser;

// A newcomer's first visit, in a real browser: register, authorize and read the profile through /docs.
[Collection(BrowserCollection.Collection)]
public class SwaggerUiTests(SharedChromium chromium)
{
    [Fact]
    public async Task A_new_user_registers_authorizes_and_reads_their_profile_through_the_docs_page()
    {
        Chromium.SkipIfMissing();

        await using var app = new AfyaFactory(Db.Sqlite);
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        await using var lease = await chromium.LeaseAsync();
        var browser = lease.Browser;
        var page = await browser.NewPageAsync();
        // The docs page renders the whole document (140 paths) in the browser: slow on a loaded machine, not wrong.
        page.SetDefaultTimeout(180_000);
        await page.GotoAsync($"{baseUrl}/docs");

        var email = Calls.UniqueEmail("browser");
        var registered = await ExecuteAsync(page, "Accounts", "Register", $$"""{"email": "{{email}}", "password": "browser-pass-1", "first_name": "Njeri"}""");
        registered.Status.ShouldBe("201", registered.Body);
        var access = System.Text.Json.JsonDocument.Parse(registered.Body).RootElement.GetProperty("access").GetString()!;

        await page.ClickAsync("button.authorize");
        await page.FillAsync(".modal-ux input[type=text]", access);
        await page.ClickAsync(".modal-ux button.authorize");
        await page.ClickAsync(".modal-ux button.btn-done");

        var me = await ExecuteAsync(page, "Accounts", "Me", body: null);
        me.Status.ShouldBe("200", me.Body);
        me.Body.ShouldContain(email);
        me.Body.ShouldContain("Njeri");
    }

    private static async Task<(string Status, string Body)> ExecuteAsync(IPage page, string tag, string operationId, string? body)
    {
        var operation = page.Locator($"#operations-{tag}-{operationId}");
        // Tags start collapsed: open this one unless an earlier step already did.
        if (await operation.CountAsync() == 0) await page.Locator($"#operations-tag-{tag.Replace(' ', '_')}").ClickAsync();
        await operation.Locator(".opblock-summary").First.ClickAsync();
        await operation.Locator("button.try-out__btn").ClickAsync();
        if (body is not null) await operation.Locator("textarea.body-param__text").FillAsync(body);
        await operation.Locator("button.execute").ClickAsync();
        var live = operation.Locator(".live-responses-table .response");
        await live.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 180_000 });
        var status = (await live.First.Locator(".response-col_status").InnerTextAsync()).Trim();
        var text = await live.First.Locator(".response-col_description pre").First.InnerTextAsync();
        return (status, text);
    }
}
