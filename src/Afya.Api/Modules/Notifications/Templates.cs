using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;

namespace Afya.Api.Modules.Notifications;

public sealed record RenderedEmail(string Subject, string Text, string Html);

// Message templates kept as files under Templates/ (Email/name.subject.txt, name.txt, name.html; Text/name.txt),
// filled with {{key}} placeholders. Values are HTML-escaped in HTML bodies.
public sealed partial class MessageTemplates(IHostEnvironment environment)
{
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);

    public RenderedEmail RenderEmail(string template, IReadOnlyDictionary<string, string> model) => new(
        Fill(Read($"Email/{template}.subject.txt"), model, html: false).Trim(),
        Fill(Read($"Email/{template}.txt"), model, html: false),
        Fill(Read($"Email/{template}.html"), model, html: true));

    public string RenderText(string template, IReadOnlyDictionary<string, string> model) =>
        Fill(Read($"Text/{template}.txt"), model, html: false).Trim();

    private string Read(string relative) => _files.GetOrAdd(relative, r =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Templates", r);
        if (!File.Exists(path)) path = Path.Combine(environment.ContentRootPath, "Templates", r);
        return File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException($"Message template {r} is missing.", path);
    });

    private static string Fill(string template, IReadOnlyDictionary<string, string> model, bool html) =>
        Placeholder().Replace(template, m =>
            model.TryGetValue(m.Groups[1].Value, out var value) ? (html ? WebUtility.HtmlEncode(value) : value) : "");

    [GeneratedRegex(@"\{\{\s*([a-z0-9_]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
