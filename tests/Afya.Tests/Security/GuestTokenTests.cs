using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.Security;

// Issue 12: only cart tokens the server issued are accepted; an invented one gets a fresh token.
public abstract class GuestTokenTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : GuestTokenTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : GuestTokenTests(apps.Postgres);

    [Theory]
    [InlineData("AAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_invented_cart_token_is_replaced_by_a_fresh_one(string invented)
    {
        var guest = app.Client();
        guest.DefaultRequestHeaders.Add("X-Cart-Token", invented);
        var response = await guest.GetAsync("/api/v1/cart");
        var body = await response.ShouldBe(HttpStatusCode.OK);
        var issued = response.Headers.GetValues("X-Cart-Token").Single();
        issued.ShouldNotBe(invented);
        body["token"]!.GetValue<string>().ShouldBe(issued);
    }

    [Fact]
    public async Task An_issued_cart_token_names_the_same_cart_and_its_bare_form_does_not()
    {
        var first = await app.Client().GetAsync("/api/v1/cart");
        var issued = first.Headers.GetValues("X-Cart-Token").Single();
        var again = app.Client();
        again.DefaultRequestHeaders.Add("X-Cart-Token", issued);
        (await again.GetAsync("/api/v1/cart")).Headers.GetValues("X-Cart-Token").Single().ShouldBe(issued);

        var bare = app.Client();
        bare.DefaultRequestHeaders.Add("X-Cart-Token", issued[..issued.LastIndexOf('.')]);
        (await bare.GetAsync("/api/v1/cart")).Headers.GetValues("X-Cart-Token").Single().ShouldNotBe(issued);
    }
}
