using System.Buffers.Binary;
using System.Globalization;
using Hl7.Fhir.Model;

namespace Afya.Api.Modules.Fhir;

// What searches share: _count, date prefixes, page cursors and the searchset Bundle with its links.
public static class FhirSearch
{
    public const int DefaultCount = 50;
    public const int MaxCount = 1000;

    public static bool TryCount(string? text, out int count, out string? error)
    {
        error = null;
        count = DefaultCount;
        if (string.IsNullOrEmpty(text)) return true;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count is >= 0 and <= MaxCount) return true;
        error = $"_count must be 0-{MaxCount}.";
        return false;
    }

    // One date parameter ("ge2026-01-01", "lt2026-01-02T10:00:00Z", "2026-01-01"): the instants it keeps, as [From, Before).
    // A value stands for the whole span of its precision (a day, a second), as FHIR's search rules say.
    public static bool TryDateRange(IEnumerable<string> values, ref DateTime? from, ref DateTime? before, out string? error)
    {
        error = null;
        foreach (var raw in values)
        {
            var prefix = raw.Length > 2 && char.IsLetter(raw[0]) ? raw[..2] : "eq";
            var text = prefix == "eq" && !raw.StartsWith("eq", StringComparison.Ordinal) ? raw : raw[2..];
            if (!TrySpan(text, out var start, out var end) || prefix is not ("eq" or "ge" or "gt" or "le" or "lt" or "sa" or "eb"))
            {
                error = $"'{raw}' is not a date search value (prefix eq, ge, gt, le, lt, then a FHIR date or dateTime).";
                return false;
            }
            switch (prefix)
            {
                case "ge": from = Max(from, start); break;
                case "gt" or "sa": from = Max(from, end); break;
                case "lt" or "eb": before = Min(before, start); break;
                case "le": before = Min(before, end); break;
                default: from = Max(from, start); before = Min(before, end); break;
            }
        }
        return true;
    }

    private static DateTime? Max(DateTime? a, DateTime b) => a is { } x && x > b ? x : b;

    private static DateTime? Min(DateTime? a, DateTime b) => a is { } x && x < b ? x : b;

    private static bool TrySpan(string text, out DateTime start, out DateTime end)
    {
        start = end = default;
        var styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is > 0 and < 9999)
            (start, end) = (new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        else if (text.Length == 7 && DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, styles, out var month))
            (start, end) = (month, month.AddMonths(1));
        else if (text.Length == 10 && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, styles, out var day))
            (start, end) = (day, day.AddDays(1));
        else if (text.Length > 10 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var instant))
        {
            start = instant.UtcDateTime;
            var precision = text.Contains('.', StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(1) : TimeSpan.FromSeconds(1);
            end = start + precision;
        }
        else return false;
        start = DateTime.SpecifyKind(start, DateTimeKind.Utc);
        end = DateTime.SpecifyKind(end, DateTimeKind.Utc);
        return true;
    }

    // Page cursors travel in links as opaque tokens: ticks, a small discriminator, and the direction.
    public static string Cursor(DateTime at, short kind, bool backwards)
    {
        Span<byte> bytes = stackalloc byte[11];
        BinaryPrimitives.WriteInt64BigEndian(bytes, at.Ticks);
        BinaryPrimitives.WriteInt16BigEndian(bytes[8..], kind);
        bytes[10] = backwards ? (byte)1 : (byte)0;
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryCursor(string? token, out DateTime at, out short kind, out bool backwards)
    {
        at = default;
        kind = 0;
        backwards = false;
        if (string.IsNullOrEmpty(token) || token.Length != 15) return false;
        var bytes = new byte[11];
        if (!Convert.TryFromBase64String(token.Replace('-', '+').Replace('_', '/') + "=", bytes, out var n) || n != 11) return false;
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
        at = new DateTime(ticks, DateTimeKind.Utc);
        kind = BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(8));
        backwards = bytes[10] == 1;
        return true;
    }

    // The request's own URL without its page token: the base every link of the Bundle builds on.
    public static string Link(HttpRequest request, string? cursor)
    {
        var query = request.Query.Where(q => q.Key != "_page").SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"));
        if (cursor is not null) query = query.Append("_page=" + cursor);
        var text = string.Join('&', query);
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{(text.Length > 0 ? "?" + text : "")}";
    }

    public static Bundle Searchset(HttpRequest request, int? total, IEnumerable<Resource> matches, IEnumerable<Resource> includes, string? next, string? previous)
    {
        var bundle = new Bundle { Id = Guid.NewGuid().ToString("N"), Type = Bundle.BundleType.Searchset, Total = total };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = Link(request, request.Query["_page"].FirstOrDefault()) });
        if (next is not null) bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = Link(request, next) });
        if (previous is not null) bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = Link(request, previous) });
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}/fhir/";
        foreach (var r in matches)
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = baseUrl + r.TypeName + "/" + r.Id, Resource = r, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } });
        // A scoped token sees included resources of the types its scopes cover only.
        foreach (var r in includes.Where(r => Afya.Api.Platform.Auth.SmartScopes.Allows(request.HttpContext.User, r.TypeName, "read")))
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = baseUrl + r.TypeName + "/" + r.Id, Resource = r, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Include } });
        return bundle;
    }

    // _summary=count: the total alone.
    public static bool CountOnly(HttpRequest request) => request.Query["_summary"].ToString() == "count";
}
