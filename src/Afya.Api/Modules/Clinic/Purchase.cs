using Afya.Api.Modules.Clinic.Data;
using Afya.Api.Modules.Identity.Contracts;
using Afya.Api.Modules.Payments.Contracts;
using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.OpenApi;

namespace Afya.Api.Modules.Clinic;

public sealed record PurchaseUserInfo(string? Name, string? NationalId);

// The Kuwait README's body {package_id, user_info}; payment_method defaults to free for a free package, else cash.
public sealed record PurchaseRequest([DocumentedRequired] Guid? PackageId, PurchaseUserInfo? UserInfo, string? PaymentMethod, string? PhoneNumber);

public sealed record PurchaseServices(AfyaDb Db, CurrentUser Me, IUserDirectory Users, IMpesaCharges Mpesa, Subscriptions Subscriptions, TimeProvider Clock,
    Microsoft.Extensions.Options.IOptions<ClinicOptions> Options);

public static class Purchase
{
    // One scope for the native and the Kuwait route: a key used on one replays on the other.
    public const string IdempotencyScope = "clinic-purchase";
    public static readonly string[] Methods = ["cash", "mpesa", "free"];

    // Idempotency-Key is handled around this handler by the platform's filter (see ClinicEndpoints).
    public static async Task<Results<Created<SubscriptionResponse>, ProblemHttpResult>> Buy(
        PurchaseRequest request, [AsParameters] PurchaseServices s, CancellationToken ct)
    {
        var now = s.Clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        if (request.PackageId is null) errors["package_id"] = ["package_id is required."];
        var name = request.UserInfo?.Name?.Trim();
        var nationalId = request.UserInfo?.NationalId?.Trim();
        if (name is { Length: > 150 }) errors["user_info.name"] = ["name must be at most 150 characters."];
        if (nationalId is { Length: > 0 } && (nationalId.Length is < 5 or > 20 || !nationalId.All(char.IsAsciiLetterOrDigit)))
            errors["user_info.national_id"] = ["A national ID is 5 to 20 letters or digits."];
        var method = request.PaymentMethod?.Trim().ToLowerInvariant();
        if (method is not null && !Methods.Contains(method)) errors["payment_method"] = ["payment_method must be cash, mpesa or free."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        var package = await s.Db.Set<ServicePackage>().AsNoTracking().Include(p => p.Services)
            .FirstOrDefaultAsync(p => p.Id == request.PackageId && p.IsActive, ct);
        if (package is null) return ApiProblem.NotFound("package", "PACKAGE_NOT_FOUND");
        method ??= package.PriceMinor == 0 ? "free" : "cash";
        if (method == "free" && package.PriceMinor != 0)
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "PACKAGE_NOT_FREE", "This package is not free.", "Pay with cash or M-Pesa.");
        if (method == "mpesa" && package.Currency != "KES")
            return ApiProblem.Of(StatusCodes.Status422UnprocessableEntity, "PAYMENT_METHOD_CURRENCY", "M-Pesa cannot pay this currency.",
                $"M-Pesa takes KES; this package is priced in {package.Currency}.");
        string? phone = null;
        if (method == "mpesa")
        {
            phone = request.PhoneNumber?.Trim() is { Length: > 0 } p ? p : await s.Users.PhoneAsync(s.Me.Id, ct);
            if (Payments.Daraja.DarajaClient.NormalizePhone(phone) is null)
                return ApiProblem.Field("phone_number", "The M-Pesa number must be a Kenyan mobile number (2547XXXXXXXX, 07XXXXXXXX).", "INVALID_PHONE");
        }

        await s.Users.FillMissingAsync(s.Me.Id, name, nationalId, ct);
        var sub = new Subscription
        {
            UserId = s.Me.Id, PackageId = package.Id, NameEn = package.NameEn, NameAr = package.NameAr, PriceMinor = package.PriceMinor,
            Currency = package.Currency, DurationDays = package.DurationDays, Status = SubscriptionStatus.PendingPayment, PaymentMethod = method,
            CreatedAt = now,
            Allowances = package.Services.Select(x => new SubscriptionAllowance { Service = x.Service, Included = x.Count }).ToList(),
        };
        // Known before the push, so a callback that comes back quickly finds the subscription.
        if (method == "mpesa") sub.MpesaTransactionId = Guid.CreateVersion7();
        s.Db.Add(sub);
        await s.Db.SaveChangesAsync(ct);

        string? checkout = null;
        if (method == "free") await s.Subscriptions.ActivateAsync(sub.Id, "FREE", ct);
        // The Kuwait original: the package is the user's at once and paid at the desk later (Clinic__ActivateCashAtOnce).
        else if (method == "cash" && s.Options.Value.ActivateCashAtOnce) await s.Subscriptions.ActivateAsync(sub.Id, null, ct, paid: false);
        else if (method == "mpesa")
        {
            var shillings = Platform.Money.ToMpesaShillings(package.PriceMinor);
            var started = await s.Mpesa.ChargeAsync(sub.MpesaTransactionId!.Value, s.Me.Id, phone!, shillings, "PKG-" + sub.Id.ToString("N")[^8..].ToUpperInvariant(),
                "Clinic package", ct);
            if (started.Refused is { } why)
            {
                await s.Subscriptions.FailAsync(sub.Id, ct);
                return ApiProblem.Of(StatusCodes.Status502BadGateway, "MPESA_REJECTED", "M-Pesa refused the payment request.", why);
            }
            checkout = started.CheckoutRequestId;
        }
        var saved = await s.Subscriptions.LoadAsync(sub.Id, ct);
        return TypedResults.Created($"/api/v1/packages/history", SubscriptionResponse.From(saved!, now) with { CheckoutRequestId = checkout });
    }
}
