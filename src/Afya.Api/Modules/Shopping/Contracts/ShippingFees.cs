using Afya.Api.Platform;

namespace Afya.Api.Modules.Shopping.Contracts;

/// <summary>What delivery costs: the one flat fee (<c>Shop__FlatShipping</c>) the cart shows and checkout charges.</summary>
public interface IShippingFees
{
    /// <summary>The fee for a cart that is not empty, in KES minor units.</summary>
    Money Flat { get; }
}
