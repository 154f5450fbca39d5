using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Afya.Api.Modules.Identity;
using Afya.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Afya.Tests.Modules.Identity;

// Access tokens are checked with one signature provider kept for the signing key (KeptSignatureFactory). Each token
// below is a real session's claims signed anew with one thing changed; the same claims signed as the app signs them
// pass, so each refusal is for the one thing changed.
public abstract class TokenValidationTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : TokenValidationTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : TokenValidationTests(apps.Postgres);

    private static readonly JsonWebTokenHandler Handler = new();

    private JwtOptions Jwt => app.Services.GetRequiredService<IOptions<JwtOptions>>().Value;

    private async Task<(JsonObject Payload, JsonWebToken Issued)> SessionAsync()
    {
        var session = await app.Client().RegisterAsync();
        var issued = new JsonWebToken(session.Access);
        return (JsonNode.Parse(Base64UrlEncoder.Decode(issued.EncodedPayload))!.AsObject(), issued);
    }

    private static string Sign(JsonObject payload, SecurityKey key, string algorithm) =>
        Handler.CreateToken(payload.ToJsonString(), new SigningCredentials(key, algorithm));

    private Task<HttpResponseMessage> MeAsync(string token) => app.Client().WithToken(token).GetAsync("/api/v1/auth/me");

    [Fact]
    public async Task The_same_claims_signed_with_the_key_and_algorithm_pass()
    {
        var (payload, _) = await SessionAsync();
        await (await MeAsync(Sign(payload, TokenIssuer.SigningKey(Jwt), TokenIssuer.SecurityAlgorithm(Jwt)))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var (payload, _) = await SessionAsync();
        var other = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64));
        await (await MeAsync(Sign(payload, other, TokenIssuer.SecurityAlgorithm(Jwt)))).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
        // An all-zero key: what a key whose kept bytes were ever cleared would sign with.
        var zero = new SymmetricSecurityKey(new byte[64]);
        await (await MeAsync(Sign(payload, zero, TokenIssuer.SecurityAlgorithm(Jwt)))).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Theory]
    [InlineData(SecurityAlgorithms.HmacSha384)]
    [InlineData(SecurityAlgorithms.HmacSha512)]
    public async Task A_token_signed_by_another_algorithm_with_the_key_is_refused(string algorithm)
    {
        var (payload, _) = await SessionAsync();
        TokenIssuer.SecurityAlgorithm(Jwt).ShouldNotBe(algorithm);
        await (await MeAsync(Sign(payload, TokenIssuer.SigningKey(Jwt), algorithm))).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        var (payload, _) = await SessionAsync();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var body = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        await (await MeAsync($"{header}.{body}.")).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }

    [Fact]
    public async Task A_token_not_yet_valid_is_refused_and_an_expired_one_says_so()
    {
        var (payload, issued) = await SessionAsync();
        var key = TokenIssuer.SigningKey(Jwt);
        var algorithm = TokenIssuer.SecurityAlgorithm(Jwt);
        var iat = new DateTimeOffset(issued.IssuedAt).ToUnixTimeSeconds();

        var early = payload.DeepClone().AsObject();
        early["nbf"] = iat + 600;
        early["exp"] = iat + 1_800;
        await (await MeAsync(Sign(early, key, algorithm))).ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");

        var late = payload.DeepClone().AsObject();
        late["iat"] = iat - 7_200;
        late["nbf"] = iat - 7_200;
        late["exp"] = iat - 3_600;
        await (await MeAsync(Sign(late, key, algorithm))).ShouldBeProblem(HttpStatusCode.Unauthorized, "TOKEN_EXPIRED");
    }

    [Theory]
    [InlineData("iss")]
    [InlineData("aud")]
    public async Task A_token_for_another_issuer_or_audience_is_refused(string claim)
    {
        var (payload, _) = await SessionAsync();
        payload[claim] = "someone-else";
        await (await MeAsync(Sign(payload, TokenIssuer.SigningKey(Jwt), TokenIssuer.SecurityAlgorithm(Jwt))))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, "INVALID_TOKEN");
    }
}

// The kept provider itself: the key bytes it hands IdentityModel's HMAC pool stay the key's however many tokens are
// checked at once (more than the pool holds, so instances are made and disposed), and a disposed one is replaced.
public class KeptSignatureFactoryTests
{
    [Fact]
    public async Task Concurrent_checks_leave_the_kept_key_intact_and_refuse_other_keys()
    {
        var bytes = RandomNumberGenerator.GetBytes(64);
        var key = new SymmetricSecurityKey(bytes);
        var factory = new KeptSignatureFactory(key, SecurityAlgorithms.HmacSha256);
        var data = Encoding.UTF8.GetBytes("header.payload");
        var good = HMACSHA256.HashData(bytes, data);
        var zero = HMACSHA256.HashData(new byte[64], data);

        await Parallel.ForAsync(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 64 }, (i, _) =>
        {
            var provider = factory.CreateForVerifying(key, SecurityAlgorithms.HmacSha256);
            try
            {
                provider.Verify(data, i % 2 == 0 ? good : zero).ShouldBe(i % 2 == 0);
            }
            finally
            {
                factory.ReleaseSignatureProvider(provider);
            }
            return ValueTask.CompletedTask;
        });

        var kept = (KeptSignatureFactory.KeptHmacProvider)factory.CreateForVerifying(key, SecurityAlgorithms.HmacSha256);
        kept.KeyBytes.SequenceEqual(bytes).ShouldBeTrue();
        kept.Dispose();
        var fresh = factory.CreateForVerifying(key, SecurityAlgorithms.HmacSha256);
        fresh.ShouldNotBeSameAs(kept);
        fresh.Verify(data, good).ShouldBeTrue();
        fresh.Verify(data, zero).ShouldBeFalse();
    }

    [Fact]
    public void Another_key_or_algorithm_gets_identity_models_own_provider()
    {
        var key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64));
        var factory = new KeptSignatureFactory(key, SecurityAlgorithms.HmacSha256);
        var other = factory.CreateForVerifying(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)), SecurityAlgorithms.HmacSha256);
        other.ShouldNotBeOfType<KeptSignatureFactory.KeptHmacProvider>();
        factory.ReleaseSignatureProvider(other);
        var sha512 = factory.CreateForVerifying(key, SecurityAlgorithms.HmacSha512);
        sha512.ShouldNotBeOfType<KeptSignatureFactory.KeptHmacProvider>();
        factory.ReleaseSignatureProvider(sha512);
    }
}
