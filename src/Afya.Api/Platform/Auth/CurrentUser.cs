using System.Security.Claims;

namespace Afya.Api.Platform.Auth;

// The caller of this request, read from the validated access token. Never walked by request validation: it is a service
// in [AsParameters] records, and validation reading Id on an anonymous request threw (a 500 on the guest cart).
#pragma warning disable ASP0029 // evaluation-only in .NET 10, and the one switch validation has for a type
[Microsoft.Extensions.Validation.SkipValidation]
#pragma warning restore ASP0029
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    public const string SubjectClaim = "sub";
    public const string TokenIdClaim = "jti";
    public const string RoleClaim = "role";
    public const string StampClaim = "sst";

    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    // The signed-in user's id; only call on routes that require authorization.
    public Guid Id => Guid.TryParse(Principal.FindFirstValue(SubjectClaim), out var id)
        ? id
        : throw new InvalidOperationException("No authenticated user on this request.");

    public Guid? IdOrNull => Guid.TryParse(Principal.FindFirstValue(SubjectClaim), out var id) ? id : null;

    public string? TokenId => Principal.FindFirstValue(TokenIdClaim);

    public bool IsInRole(string role) => Principal.HasClaim(RoleClaim, role);

    public IReadOnlyList<string> Roles => Principal.FindAll(RoleClaim).Select(c => c.Value).ToList();

    public string? ClientAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
