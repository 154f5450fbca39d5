using System.Net;
using Afya.Api.Platform.OpenApi;
using Afya.Tests.Platform;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.PlatformTests;

// What every endpoint does alike: problems with codes, trailing slashes, limits, headers, docs, health.
public abstract class ConventionsTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : ConventionsTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : ConventionsTests(apps.Postgres);

    [Fact]
    public async Task Unknown_routes_are_404_problems()
    {
        await (await app.Client().GetAsync("/api/v1/nothing-here")).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        await (await app.Client().DeleteAsync("/api/v1/auth/login")).ShouldBeProblem(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    [Theory]
    [InlineData("{\"email\": ")]
    [InlineData("not json")]
    [InlineData("{\"email\": 12, \"password\": \"x\"}")]
    [InlineData("{\"email\": \"a@b.co\", \"password\": [1,2]}")]
    [InlineData("[]")]
    public async Task Malformed_or_mistyped_json_is_a_400_problem(string body)
    {
        var problem = await (await app.Client().PostRaw("/api/v1/auth/login", body)).ShouldBeProblem(HttpStatusCode.BadRequest, "MALFORMED_JSON");
        problem.ToJsonString().ShouldNotContain("Exception");
    }

    [Fact]
    public async Task A_huge_number_where_a_string_belongs_is_a_400_not_a_500()
    {
        await (await app.Client().PostRaw("/api/v1/auth/password/forgot", "{\"email\": 1e999999}")).ShouldBeProblem(HttpStatusCode.BadRequest, "MALFORMED_JSON");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem()
    {
        var big = new string('a', 11 * 1024 * 1024);
        await (await app.Client().PostRaw("/api/v1/auth/login", $"{{\"email\":\"{big}\"}}")).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task Routes_answer_with_and_without_a_trailing_slash()
    {
        (await app.Client().GetAsync("/health/")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await app.Client().PostJson("/api/v1/auth/login/", new { email = Calls.UniqueEmail(), password = "whatever-1" }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_no_server_banner()
    {
        var response = await app.Client().GetAsync("/health");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task Health_endpoints_report_process_and_database()
    {
        (await (await app.Client().GetAsync("/health")).ShouldBe(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("healthy");
        // The Kuwait surface (on by default) answers /api/health in its envelope.
        (await (await app.Client().GetAsync("/api/health")).ShouldBe(HttpStatusCode.OK))["data"]!["status"]!.GetValue<string>().ShouldBe("healthy");
        var ready = await (await app.Client().GetAsync("/health/ready")).ShouldBe(HttpStatusCode.OK);
        ready["checks"]!["database"]!.GetValue<string>().ShouldBe("healthy");
    }

    [Fact]
    public async Task The_error_id_of_a_problem_is_in_the_log()
    {
        var problem = await (await app.Client().GetAsync("/api/v1/missing/" + Guid.NewGuid())).ShouldBeProblem(HttpStatusCode.NotFound, "NOT_FOUND");
        var id = problem["error_id"]!.GetValue<string>();
        app.Logs.Lines.ShouldContain(line => line.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenApi_documents_every_route_schema_and_the_bearer_scheme()
    {
        var doc = await (await app.Client().GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var paths = doc["paths"]!.AsObject();
        foreach (var route in new[] { "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/auth/me",
                     "/api/v1/auth/profile", "/api/v1/auth/profile/avatar", "/api/v1/auth/password/change", "/api/v1/auth/password/forgot",
                     "/api/v1/auth/password/reset", "/api/v1/auth/email/verify", "/api/v1/admin/users/{id}", "/health", "/health/ready", "/api/health" })
            paths.ContainsKey(route).ShouldBeTrue(route);
        doc["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
        doc["components"]!["schemas"]!["RegisterRequest"]!["properties"]!["first_name"].ShouldNotBeNull();
        paths["/api/v1/auth/me"]!["get"]!["security"].ShouldNotBeNull();
        paths["/api/v1/auth/login"]!["post"]!["responses"]!["200"].ShouldNotBeNull();
    }

    // A route the request delegate generator misses (it intercepts only plain Map calls: not `group?.MapGet(...)`) has its
    // request delegate compiled from expression trees at every start: most of the dynamic code a test app made.
    [Fact]
    public void Every_minimal_route_is_generated_at_build_time()
    {
        var handlers = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<System.Reflection.MethodInfo>() is not null)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>() is null)
            .ToList();
        handlers.Count.ShouldBeGreaterThan(300);
        handlers.Where(e => e.Metadata.GetMetadata<System.CodeDom.Compiler.GeneratedCodeAttribute>() is null).Select(e => e.DisplayName).ShouldBeEmpty();
    }

    // A problem response in the document always says which codes it carries: .Problem(status, codes...) instead of a
    // bare .ProducesProblem(status) or .ProducesValidationProblem(), and never .Problem(status) with no code.
    [Fact]
    public void Every_declared_problem_response_names_its_codes()
    {
        _ = app.Client(); // starts the host, so every route is mapped
        var unnamed = new List<string>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var declared = endpoint.Metadata.OfType<ProblemCodesMetadata>().ToList();
            var where = $"{string.Join(",", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])} {endpoint.RoutePattern.RawText}";
            foreach (var response in endpoint.Metadata.OfType<IProducesResponseTypeMetadata>())
                if (response.StatusCode >= 400 && response.Type is { } type && typeof(ProblemDetails).IsAssignableFrom(type)
                    && !declared.Any(d => d.Status == response.StatusCode && d.Codes.Count > 0))
                    unnamed.Add($"{where}: {response.StatusCode} without codes");
            foreach (var empty in declared.Where(d => d.Codes.Count == 0)) unnamed.Add($"{where}: .Problem({empty.Status}) names no code");
        }
        unnamed.Distinct().Order(StringComparer.Ordinal).ToList().ShouldBeEmpty(
            "Declare problem responses with .Problem(status, codes...), naming the codes the handler can return");
    }

    // Handlers are bound at build time; a route is mapped outside the root group (GeneratedBindings) only by mistake, and
    // then a handler whose parameters are all services would declare a JSON body it never reads.
    [Fact]
    public void Only_routes_that_read_a_json_body_declare_one()
    {
        _ = app.Client();
        var generated = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<System.CodeDom.Compiler.GeneratedCodeAttribute>() is not null).ToList();
        generated.Count.ShouldBeGreaterThan(100, "handlers are bound by the request delegate generator");
        var wrong = generated
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { } methods && methods.All(m => m is "GET" or "DELETE"))
            .Where(e => e.Metadata.OfType<IAcceptsMetadata>().Any(a => a.RequestType is null))
            .Select(e => e.RoutePattern.RawText).ToList();
        wrong.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/docs/index.html", "swagger-ui")]
    [InlineData("/redoc/index.html", "redoc")]
    public async Task Docs_pages_are_served(string path, string marker)
    {
        var response = await app.Client().GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync()).ShouldContain(marker);
    }

    [Fact]
    public async Task Docs_root_redirects_to_the_ui()
    {
        var response = await app.Client().GetAsync("/docs");
        ((int)response.StatusCode).ShouldBeInRange(301, 302);
    }
}
