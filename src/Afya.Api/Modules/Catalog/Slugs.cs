using System.Globalization;
using System.Text;

namespace Afya.Api.Modules.Catalog;

public static class Slugs
{
    // "Samsung Galaxy A55 (8GB)" -> "samsung-galaxy-a55-8gb"; accents dropped, at most 200 characters.
    public static string From(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(normalized.Length);
        var dash = false;
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else if (!dash && slug.Length > 0)
            {
                slug.Append('-');
                dash = true;
            }
        }
        var result = slug.ToString().Trim('-');
        if (result.Length > 200) result = result[..200].Trim('-');
        return result.Length == 0 ? "item" : result;
    }

    // The slug, or slug-2, slug-3...: the first not in taken.
    public static string FirstFree(string slug, IReadOnlyCollection<string> taken)
    {
        if (!taken.Contains(slug)) return slug;
        for (var n = 2; ; n++)
            if (!taken.Contains($"{slug}-{n}")) return $"{slug}-{n}";
    }

    public static bool IsValid(string slug) =>
        slug.Length is > 0 and <= 200 && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && slug[0] != '-' && slug[^1] != '-';
}
