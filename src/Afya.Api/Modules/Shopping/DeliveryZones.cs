using Afya.Api.Modules.Shopping.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Caching;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Shopping;

// One zone as staff write it: Afya's names (fee, free_over, places) or Dira's (delivery_fee, free_delivery_threshold, areas).
public sealed record DeliveryZoneWrite(
    string? Name, decimal? Fee, decimal? DeliveryFee, decimal? FreeOver, decimal? FreeDeliveryThreshold, List<string?>? Places, List<string?>? Areas);

// The whole list, replacing the one in force; an empty list removes every zone (the flat fee everywhere).
public sealed record DeliveryZonesWrite([DocumentedRequired] List<DeliveryZoneWrite?>? Zones);

public sealed record DeliveryZoneResponse(int Id, string Name, decimal Fee, decimal? FreeOver, IReadOnlyList<string> Places);

public sealed record DeliveryZonesResponse(IReadOnlyList<DeliveryZoneResponse> Zones, decimal FlatFee, string Currency);

// A zone as the fee rule reads it: places lower-cased for matching.
[System.ComponentModel.ImmutableObject(true)]
public sealed record DeliveryZoneRule(string Name, long FeeMinor, long? FreeOverMinor, string[] Places);

// The configured zones, cached until a change to them commits (the tag is evicted by the save).
public sealed class DeliveryZoneBook(AfyaDb db, AfyaCache cache)
{
    public const string CacheTag = "delivery-zones";
    public const int MaxZones = 100;
    public const int MaxPlaces = 200;

    public static string Key(string place) => place.Trim().ToLowerInvariant();

    public async Task<IReadOnlyList<DeliveryZoneRule>> RulesAsync(CancellationToken ct) =>
        await cache.GetOrCreateAsync("shop:delivery-zones", async c => (await db.Set<DeliveryZone>().AsNoTracking().OrderBy(z => z.Position).ToListAsync(c))
            .Select(z => new DeliveryZoneRule(z.Name, z.FeeMinor, z.FreeOverMinor, z.Places.Select(Key).ToArray())).ToArray(),
            TimeSpan.FromMinutes(10), [CacheTag], ct: ct);
}

// Staff list and replace the delivery zones (GET|PUT /api/v1/admin/delivery-zones).
public static class DeliveryZones
{
    public static async Task<Ok<DeliveryZonesResponse>> List(AfyaDb db, IOptions<ShoppingOptions> options, CancellationToken ct) =>
        TypedResults.Ok(await AnswerAsync(db, options.Value, ct));

    public static async Task<Results<Ok<DeliveryZonesResponse>, ProblemHttpResult>> Replace(
        DeliveryZonesWrite request, AfyaDb db, IOptions<ShoppingOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (!Read(request, clock.GetUtcNow().UtcDateTime).TryGet(out var zones, out var invalid)) return invalid;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // Two saves: the old rows go before the new ones take their positions.
            db.RemoveRange(await db.Set<DeliveryZone>().ToListAsync(ct));
            await db.SaveChangesAsync(ct);
            db.AddRange(zones);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(ex))
        {
            // Another replacement committed in between: this one is refused whole rather than merged with it.
            db.ChangeTracker.Clear();
            return ApiProblem.Conflict("DELIVERY_ZONES_CHANGED", "The delivery zones were changed at the same time; read them and try again.");
        }
        return TypedResults.Ok(await AnswerAsync(db, options.Value, ct));
    }

    private static Result<List<DeliveryZone>> Read(DeliveryZonesWrite request, DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Zones is null) return ApiProblem.Field("zones", "zones is required: a list of {name, fee, free_over, places} (empty removes every zone).");
        if (request.Zones.Count > DeliveryZoneBook.MaxZones) return ApiProblem.Field("zones", $"At most {DeliveryZoneBook.MaxZones} zones.");
        var zones = new List<DeliveryZone>();
        var seen = new Dictionary<string, string>();
        for (var i = 0; i < request.Zones.Count; i++)
        {
            var at = $"zones[{i}]";
            if (request.Zones[i] is not { } z)
            {
                errors[at] = ["A zone is an object {name, fee, free_over, places}."];
                continue;
            }
            var name = z.Name?.Trim();
            if (name is not { Length: >= 1 and <= 100 }) errors[$"{at}.name"] = ["name is required (at most 100 characters)."];
            long fee = 0;
            if ((z.Fee ?? z.DeliveryFee) is not { } amount || !Money.TryToMinor(amount, out fee))
                errors[$"{at}.fee"] = ["fee is required: 0 or more KES, with at most two decimals."];
            long? freeOver = null;
            if ((z.FreeOver ?? z.FreeDeliveryThreshold) is { } threshold)
            {
                if (Money.TryToMinor(threshold, out var minor) && minor > 0) freeOver = minor;
                else errors[$"{at}.free_over"] = ["free_over is above 0 KES, with at most two decimals (leave it out for no free delivery)."];
            }
            var places = (z.Places ?? z.Areas)?.Select(p => p?.Trim()).ToList();
            if (places is not { Count: >= 1 and <= DeliveryZoneBook.MaxPlaces } || places.Any(p => p is not { Length: >= 1 and <= 100 }))
                errors[$"{at}.places"] = [$"places is 1 to {DeliveryZoneBook.MaxPlaces} city or county names (each at most 100 characters)."];
            else
            {
                foreach (var place in places.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    if (seen.TryGetValue(DeliveryZoneBook.Key(place!), out var other))
                        errors[$"{at}.places"] = [$"{place} is already in zone {other}: a place belongs to one zone."];
                    else seen[DeliveryZoneBook.Key(place!)] = name ?? at;
                }
            }
            zones.Add(new DeliveryZone
            {
                Position = i, Name = name ?? "", FeeMinor = fee, FreeOverMinor = freeOver,
                Places = places?.Where(p => p is not null).Select(p => p!).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [], UpdatedAt = now,
            });
        }
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        return zones;
    }

    private static async Task<DeliveryZonesResponse> AnswerAsync(AfyaDb db, ShoppingOptions options, CancellationToken ct)
    {
        var zones = await db.Set<DeliveryZone>().AsNoTracking().OrderBy(z => z.Position).ToListAsync(ct);
        return new DeliveryZonesResponse(
            zones.Select(z => new DeliveryZoneResponse(z.Id, z.Name, Money.ToDecimal(z.FeeMinor), Money.ToDecimal(z.FreeOverMinor), z.Places)).ToList(),
            options.FlatShippingFee().Amount, Money.DefaultCurrency);
    }
}
