using Afya.Api.Platform.Http;
using Afya.Api.Platform.Surfaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Afya.Tests.Modules.Surfaces;

// The Healthcare Backend's lists are bare arrays; a group asks for that shape once and handlers keep returning pages.
public sealed class BareListShapeTests
{
    [Fact]
    public async Task A_page_becomes_the_bare_array_of_its_results_and_other_answers_pass_untouched()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        var group = app.MapGroup("/api/things").WithBareListShape();
        group.MapGet("", () => TypedResults.Ok(new Page<string>(2, "http://next", null, ["b", "a"])));
        group.MapGet("/{id}", (string id) => TypedResults.Ok(new { id }));
        await app.StartAsync();
        var client = app.GetTestClient();

        (await client.GetStringAsync("/api/things")).ShouldBe("""["b","a"]""");
        (await client.GetStringAsync("/api/things/x")).ShouldBe("""{"id":"x"}""");
    }
}
