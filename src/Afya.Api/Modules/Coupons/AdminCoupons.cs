using System.ComponentModel.DataAnnotations;
using Afya.Api.Modules.Coupons.Data;
using Afya.Api.Platform;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;

namespace Afya.Api.Modules.Coupons;

// kind: percent (percent_off 1-100) or amount (amount_off in KES). Absent fields of a PATCH stay as they are.
public sealed record CouponWrite(
    [property: StringLength(40)] string? Code, [property: StringLength(500)] string? Description, string? Kind,
    [property: Range(1, 100)] int? PercentOff, decimal? AmountOff, decimal? MinSubtotal, DateTime? StartsAt, DateTime? EndsAt,
    [property: Range(1, 1_000_000)] int? UsageLimit, [property: Range(1, 1000)] int? PerUserLimit, bool? IsActive);

public sealed record CouponResponse(
    Guid Id, string Code, string Description, string Kind, int? PercentOff, decimal? AmountOff, decimal MinSubtotal, string Currency,
    DateTime? StartsAt, DateTime? EndsAt, int? UsageLimit, int? PerUserLimit, int TimesUsed, bool IsActive, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static CouponResponse From(Coupon c) => new(c.Id, c.Code, c.Description, c.Kind == CouponKind.Percent ? "percent" : "amount", c.PercentOff,
        c.AmountOffMinor is { } off ? Money.ToDecimal(off, c.Currency) : null, Money.ToDecimal(c.MinSubtotalMinor, c.Currency), c.Currency,
        c.StartsAt, c.EndsAt, c.UsageLimit, c.PerUserLimit, c.TimesUsed, c.IsActive, c.CreatedAt, c.UpdatedAt);
}

// Staff create, list, change and deactivate coupons. A coupon is never deleted: orders remember what it took off.
public static class AdminCoupons
{
    public static async Task<Results<Ok<Page<CouponResponse>>, ProblemHttpResult>> List(HttpRequest http, string? search, AfyaDb db, CancellationToken ct)
    {
        if (!PageRequest.TryRead(http, out var page, out var problem)) return problem!;
        var query = db.Set<Coupon>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var code = CouponBook.Normalize(search);
            query = query.Where(c => c.Code.Contains(code));
        }
        var count = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Skip(page.Skip).Take(page.Size).ToListAsync(ct);
        return TypedResults.Ok(page.Build(http, count, rows.Select(CouponResponse.From).ToList()));
    }

    public static async Task<Results<Ok<CouponResponse>, ProblemHttpResult>> Get(Guid id, AfyaDb db, CancellationToken ct) =>
        await db.Set<Coupon>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } coupon
            ? TypedResults.Ok(CouponResponse.From(coupon))
            : ApiProblem.NotFound("coupon", "COUPON_NOT_FOUND");

    public static async Task<Results<Created<CouponResponse>, ProblemHttpResult>> Create(CouponWrite request, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var coupon = new Coupon { Code = "", CreatedAt = now, UpdatedAt = now };
        if (Apply(request, coupon, creating: true) is { } invalid) return invalid;
        db.Add(coupon);
        if (await SaveAsync(db, ct) is { } taken) return taken;
        return TypedResults.Created($"/api/v1/admin/coupons/{coupon.Id}", CouponResponse.From(coupon));
    }

    public static async Task<Results<Ok<CouponResponse>, ProblemHttpResult>> Update(Guid id, CouponWrite request, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        var coupon = await db.Set<Coupon>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (coupon is null) return ApiProblem.NotFound("coupon", "COUPON_NOT_FOUND");
        var used = coupon.TimesUsed;
        if (Apply(request, coupon, creating: false) is { } invalid) return invalid;
        coupon.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        // TimesUsed belongs to checkout's conditional statements; a staff edit never writes it back.
        db.Entry(coupon).Property(c => c.TimesUsed).IsModified = false;
        coupon.TimesUsed = used;
        if (await SaveAsync(db, ct) is { } taken) return taken;
        return TypedResults.Ok(CouponResponse.From((await db.Set<Coupon>().AsNoTracking().FirstAsync(c => c.Id == id, ct))));
    }

    // Deactivating keeps the row (orders name it) and stops new uses; carts holding the code see it refused.
    public static async Task<Results<Ok<CouponResponse>, ProblemHttpResult>> Deactivate(Guid id, AfyaDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Set<Coupon>().Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.IsActive, false).SetProperty(c => c.UpdatedAt, now), ct) == 0)
            return ApiProblem.NotFound("coupon", "COUPON_NOT_FOUND");
        return TypedResults.Ok(CouponResponse.From(await db.Set<Coupon>().AsNoTracking().FirstAsync(c => c.Id == id, ct)));
    }

    private static ProblemHttpResult? Apply(CouponWrite r, Coupon c, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        if (r.Code is not null)
        {
            var code = CouponBook.Normalize(r.Code);
            if (code.Length is < 3 or > 40 || !code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
                errors["code"] = ["code is 3 to 40 letters, digits, dashes or underscores."];
            else c.Code = code;
        }
        else if (creating) errors["code"] = ["code is required."];
        if (r.Description is not null) c.Description = r.Description.Trim();
        switch (r.Kind?.Trim().ToLowerInvariant())
        {
            case null: if (creating) errors["kind"] = ["kind is required: percent or amount."]; break;
            case "percent" or "percentage": c.Kind = CouponKind.Percent; break;
            case "amount" or "fixed": c.Kind = CouponKind.Amount; break;
            default: errors["kind"] = ["kind is percent or amount."]; break;
        }
        if (r.PercentOff is { } percent) c.PercentOff = percent;
        if (r.AmountOff is { } amount)
        {
            if (Money.TryToMinor(amount, c.Currency, out var minor) && minor > 0) c.AmountOffMinor = minor;
            else errors["amount_off"] = ["amount_off is above 0, with at most two decimals."];
        }
        if (r.MinSubtotal is { } min)
        {
            if (Money.TryToMinor(min, c.Currency, out var minor)) c.MinSubtotalMinor = minor;
            else errors["min_subtotal"] = ["min_subtotal is 0 or more, with at most two decimals."];
        }
        if (r.StartsAt is { } starts) c.StartsAt = starts.ToUniversalTime();
        if (r.EndsAt is { } ends) c.EndsAt = ends.ToUniversalTime();
        if (r.UsageLimit is { } limit) c.UsageLimit = limit;
        if (r.PerUserLimit is { } perUser) c.PerUserLimit = perUser;
        if (r.IsActive is { } active) c.IsActive = active;
        if (!errors.ContainsKey("kind") && !errors.ContainsKey("percent_off") && !errors.ContainsKey("amount_off"))
        {
            if (c.Kind == CouponKind.Percent && c.PercentOff is null) errors["percent_off"] = ["A percent coupon needs percent_off (1 to 100)."];
            if (c.Kind == CouponKind.Amount && c.AmountOffMinor is null) errors["amount_off"] = ["An amount coupon needs amount_off."];
        }
        if (c.Kind == CouponKind.Percent) c.AmountOffMinor = null;
        else c.PercentOff = null;
        if (c.StartsAt is { } s && c.EndsAt is { } e && e <= s) errors["ends_at"] = ["ends_at must be after starts_at."];
        return errors.Count > 0 ? ApiProblem.Validation(errors) : null;
    }

    private static async Task<ProblemHttpResult?> SaveAsync(AfyaDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["code"] = ["Another coupon has this code."] }, "COUPON_CODE_TAKEN",
                StatusCodes.Status409Conflict, "Another coupon has this code.");
        }
    }
}
