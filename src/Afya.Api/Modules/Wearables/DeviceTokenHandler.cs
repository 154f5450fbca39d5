using System.Security.Claims;
using System.Text.Encodings.Web;
using Afya.Api.Modules.Wearables.Data;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Wearables;

// A phone app or gateway syncs with the device's ingest token (X-Device-Token) instead of the user's password.
// The principal names the device and its patient, never a user, so it reaches only the sync route.
internal sealed class DeviceTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AfyaDb db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "WearableDevice";

    // The sync route's scheme: a request that sends X-Device-Token is judged by it alone, any other by the bearer scheme.
    public const string UserOrDeviceScheme = "WearableUserOrDevice";
    public const string Header = "X-Device-Token";
    public const string DeviceClaim = "device_id";
    public const string PatientClaim = "patient_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.ToString() is not { Length: > 0 and < 200 } token)
            return AuthenticateResult.NoResult();
        var hash = Devices.Hash(token);
        var device = await db.Set<Device>().AsNoTracking().Where(d => d.TokenHash == hash && d.RetiredAt == null)
            .Select(d => new { d.Id, d.PatientId }).FirstOrDefaultAsync(Context.RequestAborted);
        if (device is null) return AuthenticateResult.Fail("Unknown or retired device token.");
        var identity = new ClaimsIdentity([new Claim(DeviceClaim, device.Id.ToString()), new Claim(PatientClaim, device.PatientId.ToString())], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    // Reached only for requests that sent X-Device-Token, so the answer names the device token, not a missing bearer token.
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Response.HasStarted) return;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await ApiProblem.Of(StatusCodes.Status401Unauthorized, "INVALID_DEVICE_TOKEN", "Unauthorized",
            "The device token is not valid; it may have been rotated or retired.").ExecuteAsync(Context);
    }
}
