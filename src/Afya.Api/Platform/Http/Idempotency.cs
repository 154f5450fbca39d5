using System.Security.Cryptography;
using System.Text.Json;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Nodes;
using Afya.Api.Platform.OpenApi;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Afya.Api.Platform.Http;

// One Idempotency-Key seen on a route scope, per user: the hash of the body it came with and, once the first request
// succeeded, the answer it got. ClaimToken says whose in-flight claim it is, so a late finisher cannot touch a takeover;
// ClaimedBy names the node running it, so the claim frees as soon as that node stops heartbeating.
public sealed class IdempotencyRecord
{
    public Guid UserId { get; set; }
    public required string Scope { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public Guid ClaimToken { get; set; }
    public string? ClaimedBy { get; set; }
    public int? ResponseStatus { get; set; }
    public string? ResponseBody { get; set; }
    public string? Location { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("platform_idempotency_keys");
        b.HasKey(x => new { x.UserId, x.Scope, x.Key });
        b.Property(x => x.Scope).HasMaxLength(64);
        b.Property(x => x.Key).HasMaxLength(Idempotency.MaxKeyLength);
        b.Property(x => x.RequestHash).HasMaxLength(64);
        b.Property(x => x.Location).HasMaxLength(500);
        b.Property(x => x.ClaimedBy).HasMaxLength(100);
        b.HasIndex(x => x.CreatedAt);
    }
}

public sealed class IdempotencyOptions
{
    // How long a key is remembered (its first answer replayed) after the first request.
    public double KeepHours { get; set; } = 24;

    // An unfinished first request holds the key this long at most; sooner free when its node stops heartbeating
    // (Node__DeadAfterSeconds), so this only matters for a node alive but stuck.
    public double LeaseSeconds { get; set; } = 120;
}

public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 100;

    public static IServiceCollection AddAfyaIdempotency(this IServiceCollection services)
    {
        services.AddOptions<IdempotencyOptions>().BindConfiguration("Idempotency")
            .Validate(o => o.KeepHours is >= 1 and <= 24 * 30 && o.LeaseSeconds is >= 5 and <= 3600,
                "Idempotency__KeepHours must be 1 to 720 and Idempotency__LeaseSeconds 5 to 3600.")
            .ValidateOnStart();
        services.AddScoped<IdempotencyStore>();
        services.AddPeriodicJob<PurgeIdempotencyKeys>(TimeSpan.FromHours(1));
        return services;
    }

    // route.WithIdempotency<PlaceOrderRequest>("orders"): a POST with Idempotency-Key runs once per (user, scope, key);
    // the same key with the same TRequest body gets the first success again, with another body 422.
    public static RouteHandlerBuilder WithIdempotency<TRequest>(this RouteHandlerBuilder route, string scope) where TRequest : class =>
        route.AddEndpointFilter(new IdempotencyFilter<TRequest>(scope))
            .Problem(StatusCodes.Status409Conflict, "IDEMPOTENCY_IN_PROGRESS")
            .Problem(StatusCodes.Status422UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED")
            .Problem(StatusCodes.Status400BadRequest, "INVALID_IDEMPOTENCY_KEY");

    internal static string Hash<TRequest>(string scope, TRequest? request, JsonSerializerOptions json)
    {
        // The bound request, not the raw bytes: the same body with other spacing or key order is the same request.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(scope + "\n"));
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(request, json));
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}

internal sealed class IdempotencyFilter<TRequest>(string scope) : IEndpointFilter where TRequest : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(Idempotency.Header, out var values)) return await next(context);
        var key = values.Count == 1 ? values[0]?.Trim() : null;
        if (key is not { Length: >= 1 and <= Idempotency.MaxKeyLength } || key.Any(char.IsControl))
            return ApiProblem.Field(Idempotency.Header, $"Idempotency-Key must be one value of 1 to {Idempotency.MaxKeyLength} characters.", "INVALID_IDEMPOTENCY_KEY");
        if (http.RequestServices.GetRequiredService<CurrentUser>().IdOrNull is not { } userId) return await next(context);

        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var store = http.RequestServices.GetRequiredService<IdempotencyStore>();
        var ct = http.RequestAborted;
        var claim = await store.ClaimAsync(userId, scope, key, Idempotency.Hash(scope, context.Arguments.OfType<TRequest>().FirstOrDefault(), json), ct);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Replay:
                http.Response.Headers[Idempotency.ReplayedHeader] = "true";
                return new StoredAnswer(claim.Record!.ResponseStatus!.Value, JsonDocument.Parse(claim.Record.ResponseBody ?? "null").RootElement.Clone(),
                    claim.Record.Location);
            case ClaimOutcome.Reused:
                return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with another body.",
                    "Use a new key for a different request.");
            case ClaimOutcome.InProgress:
                http.Response.Headers.RetryAfter = "1";
                return ApiProblem.Of(StatusCodes.Status409Conflict, "IDEMPOTENCY_IN_PROGRESS", "A request with this Idempotency-Key is still being processed.",
                    "Retry in a moment with the same key to get its answer.", new Dictionary<string, object?> { ["retry_after"] = 1 });
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await store.ReleaseAsync(userId, scope, key, claim.Token, CancellationToken.None);
            throw;
        }
        var inner = result;
        while (inner is INestedHttpResult nested) inner = nested.Result;
        if (inner is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success and IValueHttpResult value)
        {
            var location = inner.GetType().GetProperty("Location")?.GetValue(inner) as string;
            await store.CompleteAsync(userId, scope, key, claim.Token, success.StatusCode!.Value, JsonSerializer.Serialize(value.Value, json), location,
                CancellationToken.None);
        }
        // A refusal (empty cart, out of stock) is not remembered: the client may fix the cause and retry with the same key.
        else await store.ReleaseAsync(userId, scope, key, claim.Token, CancellationToken.None);
        return result;
    }

    // The first answer again, as a value result, so a surface's envelope filter wraps it like the original.
    private sealed class StoredAnswer(int status, JsonElement body, string? location) : IResult, IStatusCodeHttpResult, IValueHttpResult
    {
        public int? StatusCode => status;
        public object? Value => body;

        public Task ExecuteAsync(HttpContext http)
        {
            if (location is not null) http.Response.Headers.Location = location;
            return TypedResults.Json(body, statusCode: status).ExecuteAsync(http);
        }
    }
}

internal enum ClaimOutcome { Claimed, Replay, Reused, InProgress }

internal sealed record IdempotencyClaim(ClaimOutcome Outcome, Guid Token, IdempotencyRecord? Record = null);

// The key is claimed in a committed row of its own before the work starts, so a concurrent request with the same key
// finds it (and is told to retry) instead of doing the work twice; the primary key (user, scope, key) decides the race.
public sealed class IdempotencyStore(AfyaDb db, TimeProvider clock, IOptions<IdempotencyOptions> options, NodeIdentity node, IOptions<NodeOptions> nodes)
{
    internal async Task<IdempotencyClaim> ClaimAsync(Guid userId, string scope, string key, string hash, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var keptSince = now.AddHours(-options.Value.KeepHours);
        var staleBefore = now.AddSeconds(-options.Value.LeaseSeconds);
        var token = Guid.NewGuid();
        var me = node.Id;
        var dead = NodeLiveness.Dead(db, now, nodes.Value, me);
        var rows = db.Set<IdempotencyRecord>().Where(r => r.UserId == userId && r.Scope == scope && r.Key == key);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await rows.Where(r => r.CreatedAt < keptSince).ExecuteDeleteAsync(ct);
            // Most repeats find the row: decide from it without an insert that would fail (and be logged as an error).
            if (await rows.AsNoTracking().FirstOrDefaultAsync(ct) is { } seen)
            {
                if (seen.CompletedAt is null)
                {
                    // Its node died (silent heartbeat) or it outlived its lease: take it over, in one conditional update.
                    var takenOver = await rows.Where(r => r.ClaimToken == seen.ClaimToken && r.CompletedAt == null
                            && (r.CreatedAt < staleBefore || dead.Contains(r.ClaimedBy!)))
                        .ExecuteUpdateAsync(u => u.SetProperty(r => r.ClaimToken, token).SetProperty(r => r.RequestHash, hash)
                            .SetProperty(r => r.CreatedAt, now).SetProperty(r => r.ClaimedBy, me), ct);
                    if (takenOver == 1) return new IdempotencyClaim(ClaimOutcome.Claimed, token);
                }
                return Decide(seen, hash, token);
            }

            var record = new IdempotencyRecord { UserId = userId, Scope = scope, Key = key, RequestHash = hash, ClaimToken = token, ClaimedBy = me, CreatedAt = now };
            db.Add(record);
            var claimed = false;
            try
            {
                await db.SaveChangesAsync(ct);
                claimed = true;
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                // Someone holds the key: see below what they did with it.
            }
            finally
            {
                db.Entry(record).State = EntityState.Detached;
            }
            if (claimed) return new IdempotencyClaim(ClaimOutcome.Claimed, token);

            // Someone inserted it between our read and our insert; the next round reads what they did with it.
        }
        return new IdempotencyClaim(ClaimOutcome.InProgress, token);
    }

    private static IdempotencyClaim Decide(IdempotencyRecord first, string hash, Guid token) =>
        first.RequestHash != hash ? new IdempotencyClaim(ClaimOutcome.Reused, token)
        : first.CompletedAt is null ? new IdempotencyClaim(ClaimOutcome.InProgress, token)
        : new IdempotencyClaim(ClaimOutcome.Replay, token, first);

    internal Task<int> CompleteAsync(Guid userId, string scope, string key, Guid token, int status, string body, string? location, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<IdempotencyRecord>().Where(r => r.UserId == userId && r.Scope == scope && r.Key == key && r.ClaimToken == token)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ResponseStatus, status).SetProperty(r => r.ResponseBody, body)
                .SetProperty(r => r.Location, location).SetProperty(r => r.CompletedAt, now), ct);
    }

    internal Task<int> ReleaseAsync(Guid userId, string scope, string key, Guid token, CancellationToken ct) =>
        db.Set<IdempotencyRecord>().Where(r => r.UserId == userId && r.Scope == scope && r.Key == key && r.ClaimToken == token && r.CompletedAt == null)
            .ExecuteDeleteAsync(ct);
}

// Claimed job: forgets keys older than KeepHours.
public sealed class PurgeIdempotencyKeys(AfyaDb db, TimeProvider clock, IOptions<IdempotencyOptions> options) : IPeriodicJob
{
    public Task<int> RunOnceAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime.AddHours(-options.Value.KeepHours);
        return db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < before).ExecuteDeleteAsync(ct);
    }
}
