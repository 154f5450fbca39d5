namespace Afya.Api.Platform.OpenApi;

// The problem codes a route can answer with at one status, beyond what its group's conventions already say
// (bad bodies, missing tokens, rate limits). OpenAPI lists them in the response description and in x-codes.
public sealed record ProblemCodesMetadata(int Status, IReadOnlyList<string> Codes);

public static class ProblemCodes
{
    // route.Problem(409, "EMAIL_TAKEN", "USERNAME_TAKEN")
    public static TBuilder Problem<TBuilder>(this TBuilder builder, int status, params string[] codes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemCodesMetadata(status, codes));

    // route.NotFoundProblem(): 404 NOT_FOUND, the common case.
    public static TBuilder NotFoundProblem<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Problem(StatusCodes.Status404NotFound, "NOT_FOUND");
}
