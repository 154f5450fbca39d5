namespace Afya.Api.Platform.Storage;

// Second wall in front of static serving (the first: private files are not under the static root at all). A request
// under /media whose path, once decoded, normalized and lower-cased, names the private folder or climbs with '..'
// is answered 404 before the static file middleware sees it: `//private`, `%2F`, `%252F`, backslashes, `..`,
// fullwidth and other non-ASCII forms of the letters are refused outright.
public static class PrivatePaths
{
    public static bool IsRefused(string rawPath)
    {
        var path = rawPath;
        // Decode until stable (bounded), so double-encoding cannot hide a separator.
        for (var i = 0; i < 4; i++)
        {
            var decoded = Uri.UnescapeDataString(path);
            if (decoded == path) break;
            path = decoded;
        }
        // Stored names are generated ASCII, so a non-ASCII /media path names nothing public; refusing it also covers
        // compatibility forms (fullwidth letters) that NFKC would fold, which invariant globalization does not do.
        if (path.Any(c => c > '\u007E' || c < ' ')) return true;
        path = path.Replace('\\', '/').ToLowerInvariant();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = segment.Trim().TrimEnd('.');
            if (trimmed == LocalFileStorage.PrivateFolder || segment.Contains("..", StringComparison.Ordinal) || segment.Contains('\0', StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    public static IApplicationBuilder UsePrivatePathRefusal(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments(LocalFileStorage.RequestPath, StringComparison.OrdinalIgnoreCase)
                && IsRefused((c.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? "") + "|" + c.Request.Path.Value),
            b => b.Run(c =>
            {
                c.Response.StatusCode = StatusCodes.Status404NotFound;
                c.Response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            }));
}
