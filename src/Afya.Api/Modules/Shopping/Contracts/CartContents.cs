using Afya.Api.Platform.Data;

namespace Afya.Api.Modules.Shopping.Contracts;

/// <summary>One line of a cart: a product, its variant (0 when it has none), how many.</summary>
public sealed record CartLineRef(int ItemId, Guid ProductId, int VariantId, int Quantity);

/// <summary>A service line of a cart: which service, how many, for which product, when and what the customer asked.</summary>
public sealed record CartServiceRef(int ItemId, int ServiceId, int Quantity, Guid? ForProductId, DateTime? PreferredAt, string? Notes);

/// <summary>A user's cart as checkout reads it: its lines, service lines and applied coupon (empty, and no coupon, when there is no cart).</summary>
public sealed record CartSnapshot(IReadOnlyList<CartLineRef> Lines, IReadOnlyList<CartServiceRef> Services, string? CouponCode);

/// <summary>What checkout may know of and do to a user's cart.</summary>
public interface ICartContents
{
    /// <summary>The user's cart, in one read.</summary>
    Task<CartSnapshot> ReadAsync(Guid userId, CancellationToken ct);

    /// <summary>
    /// <see cref="ReadAsync"/> as queries added to the caller's <see cref="StatementBatch"/> (PostgreSQL), sent in its one round
    /// trip; once the batch has run, the function answers what ReadAsync would.
    /// </summary>
    Func<CartSnapshot> Read(StatementBatch batch, Guid userId);

    /// <summary>
    /// SQL for a statement of the same batch: the user's cart's product lines as a query of <c>product_id</c> and <c>variant_id</c>
    /// (0 for none), the user's id being that statement's parameter <paramref name="user"/> (as in <c>$1</c>).
    /// </summary>
    string LinesSql(int user);

    /// <summary>
    /// Removes exactly these lines and service lines, unchanged, through the caller's transaction; false when the cart changed since they
    /// were read (a line removed or its quantity changed), so the caller can roll back instead of selling a stale cart.
    /// The cart's coupon is taken off with them. The user's cached cart is evicted when the caller's transaction commits.
    /// </summary>
    Task<bool> TryEmptyAsync(AfyaDb db, Guid userId, CartSnapshot cart, CancellationToken ct);

    /// <summary>
    /// The same as statements added to the caller's <see cref="StatementBatch"/> (PostgreSQL), sent in its one round trip; once the batch
    /// has run, the function answers as TryEmptyAsync would.
    /// </summary>
    Func<bool> Empty(AfyaDb db, StatementBatch batch, Guid userId, CartSnapshot cart);
}
