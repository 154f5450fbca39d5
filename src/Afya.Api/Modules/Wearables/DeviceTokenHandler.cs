using System.Security.Claims;
using System.Text.Encodings.Web;
using Afya.Api.Modules.Wearables.Data;
using Afya.Api.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Wearables;

// A phone app or gateway syncs with the device's ingest token (X-Device-Token) instead of the user's password.
// The principal names the device and its patient, never a user, so it reaches only the sync route.
internal sealed class DeviceTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AfyaDb db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "WearableDevice";
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

    // The bearer scheme, challenged first on the sync route, has already written the 401 problem.
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!Response.HasStarted) Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }
}
