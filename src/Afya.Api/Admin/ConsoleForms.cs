using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Afya.Api.Admin;

// The API's problems shown on the console's forms: each validation error beside its field (keyed by the API's
// snake_case field name), anything else at the top of the form.
public static class ConsoleForms
{
    // A prefix keeps apart two forms on one page whose API fields share a name (a product's price and a variant's).
    public static void AddProblem(this ModelStateDictionary state, ProblemHttpResult problem, string prefix = "")
    {
        var details = problem.ProblemDetails;
        if (details.Extensions.TryGetValue("errors", out var value) && value is IDictionary<string, string[]> errors && errors.Count > 0)
        {
            foreach (var (field, messages) in errors)
                foreach (var message in messages) state.AddModelError(prefix + field, message);
            return;
        }
        state.AddModelError("", string.IsNullOrEmpty(details.Detail) ? details.Title ?? "The request was refused." : $"{details.Title} {details.Detail}");
    }

    // <p id="field-error"> under an input that names it in aria-describedby; nothing when the field is fine.
    public static IHtmlContent ErrorFor(this IHtmlHelper html, string field)
    {
        if (!html.ViewData.ModelState.TryGetValue(field, out var entry) || entry.Errors.Count == 0) return HtmlString.Empty;
        var text = string.Join(" ", entry.Errors.Select(e => e.ErrorMessage));
        return new HtmlString($"<p class=\"error\" id=\"{HtmlEncoder.Default.Encode(field)}-error\">{HtmlEncoder.Default.Encode(text)}</p>");
    }

    public static IHtmlContent FormErrors(this IHtmlHelper html)
    {
        if (!html.ViewData.ModelState.TryGetValue("", out var entry) || entry.Errors.Count == 0) return HtmlString.Empty;
        var items = string.Concat(entry.Errors.Select(e => $"<li>{HtmlEncoder.Default.Encode(e.ErrorMessage)}</li>"));
        return new HtmlString($"<div class=\"error-summary\" role=\"alert\"><ul>{items}</ul></div>");
    }

    public static bool HasError(this IHtmlHelper html, string field) =>
        html.ViewData.ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0;
}
