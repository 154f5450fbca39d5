using Afya.Api.Platform;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Cli;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Afya.Api.Modules.Identity;

public static class IdentityModule
{
    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JwtOptions>().BindConfiguration("Jwt").ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        services.AddOptions<LockoutOptions>().BindConfiguration("Lockout").ValidateOnStart();
        services.AddSingleton<IValidateOptions<LockoutOptions>, LockoutOptionsValidator>();

        services.AddOptions<OtpOptions>().BindConfiguration("Otp").ValidateOnStart();
        services.AddSingleton<IValidateOptions<OtpOptions>, OtpOptionsValidator>();

        services.AddSingleton<TokenIssuer>();
        services.AddScoped<OtpCodes>();
        services.AddScoped<Contracts.IUserDirectory, UserDirectoryService>();
        services.AddScoped<PhoneAccounts>();
        services.AddPeriodicJob<IdentityHousekeeping>(TimeSpan.FromMinutes(10));
        services.AddSingleton<SessionGuard>();
        services.AddSingleton<ProfileCache>();
        services.AddSingleton<Contracts.IAccountChanges>(sp => sp.GetRequiredService<ProfileCache>());
        services.AddScoped<Sessions>();
        services.AddScoped<RefreshTokens>();
        services.AddScoped<OneTimeTokens>();
        services.AddScoped<AccountCreator>();
        services.AddScoped<Contracts.IAccountOpener, AccountOpener>();
        services.TryAddScoped<Contracts.IAccountLinks, NoAccountLinks>();
        services.TryAddSingleton<IPasswordHasher<Data.User>, PasswordHasher<Data.User>>();
        services.AddSingleton<PasswordHashing>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<PasswordResetRequests>();
        services.AddHostedService<PasswordResetMailer>();
        services.AddSingleton<ICliCommand, CreateAdminCommand>();
        services.AddSingleton<ISampleData, IdentitySampleData>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, TimeProvider>((bearer, jwt, clock) => ConfigureBearer(bearer, jwt.Value, clock));
        services.AddAuthorizationBuilder()
            .AddPolicy(Roles.AdminPolicy, p => p.RequireClaim(CurrentUser.RoleClaim, Roles.Admin));
        return builder;
    }

    private static void ConfigureBearer(JwtBearerOptions bearer, JwtOptions jwt, TimeProvider clock)
    {
        bearer.TimeProvider = clock;
        bearer.MapInboundClaims = false;
        var key = TokenIssuer.SigningKey(jwt);
        var algorithm = TokenIssuer.SecurityAlgorithm(jwt);
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [algorithm],
            // One signature provider for the one key, instead of a cache lookup and a copy of the key per token.
            CryptoProviderFactory = new KeptSignatureFactory(key, algorithm),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = CurrentUser.SubjectClaim,
            // Lifetime is judged by the app's clock, the same one that stamped the token.
            LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                if (notBefore is { } nbf && nbf > now + parameters.ClockSkew) return false;
                if (expires is not { } exp || exp < now - parameters.ClockSkew)
                    throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires ?? DateTime.MinValue };
                return true;
            },
            RoleClaimType = CurrentUser.RoleClaim,
        };
        bearer.Events = new JwtBearerEvents
        {
            OnTokenValidated = async context =>
            {
                var principal = context.Principal!;
                var ok = Guid.TryParse(principal.FindFirst(CurrentUser.SubjectClaim)?.Value, out var userId)
                    && principal.FindFirst(CurrentUser.TokenIdClaim)?.Value is { } jti
                    && await context.HttpContext.RequestServices.GetRequiredService<SessionGuard>().IsValidAsync(
                        context.HttpContext.RequestServices, userId, jti,
                        principal.FindFirst(CurrentUser.StampClaim)?.Value,
                        Guid.TryParse(principal.FindFirst(SessionGuard.SessionClaim)?.Value, out var session) ? session : null,
                        context.HttpContext.RequestAborted);
                if (!ok) context.Fail("The session has ended.");
                // A scoped token is a FHIR client's: anywhere else it is not a token at all.
                else if (SmartScopes.IsScoped(principal) && !context.HttpContext.Request.Path.StartsWithSegments("/fhir"))
                    context.Fail("A scoped token is for /fhir only.");
            },
            // A refused token gets a problem body like every other failure, not a bare 401.
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var expired = context.AuthenticateFailure is SecurityTokenExpiredException;
                var (code, detail) = context.AuthenticateFailure switch
                {
                    null => ("NOT_AUTHENTICATED", "Send an access token as 'Authorization: Bearer <token>'."),
                    _ when expired => ("TOKEN_EXPIRED", "The access token has expired; refresh it."),
                    _ => ("INVALID_TOKEN", "The access token is invalid or its session has ended."),
                };
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await ApiProblem.Of(401, code, "Unauthorized", detail).ExecuteAsync(context.HttpContext);
            },
            OnForbidden = async context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await ApiProblem.Forbidden().ExecuteAsync(context.HttpContext);
            },
        };
    }
}
