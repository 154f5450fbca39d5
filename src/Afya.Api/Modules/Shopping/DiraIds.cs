using System.Globalization;
using System.Text.Json;
using Afya.Api.Modules.Catalog.Contracts;

namespace Afya.Api.Modules.Shopping;

// A product as Dira's clients name it in a body: its public number (`parseInt(product.id)`, or the digits as a string),
// or Afya's own id as a string. Null when it is neither; a number of no product is Guid.Empty, which the cart answers
// with its own 404.
internal static class DiraIds
{
    public static async Task<Guid?> ProductAsync(JsonElement? value, IProductCatalog catalog, CancellationToken ct) => value switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var number) => await catalog.IdOfNumberAsync(number, ct) ?? Guid.Empty,
        { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) =>
            await catalog.IdOfNumberAsync(number, ct) ?? Guid.Empty,
        { ValueKind: JsonValueKind.String } s when Guid.TryParse(s.GetString(), out var id) => id,
        _ => null,
    };
}
