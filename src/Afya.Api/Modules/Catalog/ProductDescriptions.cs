using Ganss.Xss;

namespace Afya.Api.Modules.Catalog;

// Product descriptions are HTML that shops, apps and the console show as written: scripts, event handlers, styles and
// foreign frames are taken out when staff save one, through the API or the console alike.
public static class ProductDescriptions
{
    private static readonly HtmlSanitizer Sanitizer = Build();

    private static HtmlSanitizer Build()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedAttributes.Remove("style");
        // A description is text and pictures: no forms that could post a customer's details elsewhere.
        foreach (var tag in new[] { "form", "input", "button", "select", "textarea", "option" }) sanitizer.AllowedTags.Remove(tag);
        return sanitizer;
    }

    public static string Clean(string? html) => string.IsNullOrWhiteSpace(html) ? "" : Sanitizer.Sanitize(html.Trim()).Trim();
}
