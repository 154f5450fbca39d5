using System.Net;
using Afya.Api.Modules.Care.Data;
using Afya.Api.Platform.Storage;
using Afya.Tests.Modules.Care;
using Afya.Tests.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;

namespace Afya.Tests.Security;

// A stored medical document is reachable only through its access-checked route: never at a /media URL, whatever
// the path's spelling, encoding or case.
public abstract class PrivateFilesTests(AfyaFactory app)
{
    public sealed class OnSqlite(Apps apps) : PrivateFilesTests(apps.Sqlite);
    public sealed class OnPostgres(Apps apps) : PrivateFilesTests(apps.Postgres);

    private readonly CareWorld _world = new(app);

    private async Task<string> StoredDocumentAsync()
    {
        var (patient, patientId, _) = await _world.PatientAsync();
        var created = await (await CareWorld.UploadAsync(patient, patientId, CareWorld.Pdf("P-" + Guid.NewGuid().ToString("N")))).ShouldBe(HttpStatusCode.Created);
        var id = Guid.Parse(created["id"]!.GetValue<string>());
        var stored = await app.WithDbAsync(db => db.Set<Document>().AsNoTracking().FirstAsync(d => d.Id == id));
        File.Exists(Path.Combine(app.DataPath, stored.StorageKey)).ShouldBeTrue();
        Directory.Exists(Path.Combine(app.DataPath, "media", LocalFileStorage.PrivateFolder)).ShouldBeFalse();
        return stored.StorageKey; // private/documents/<name>.bin
    }

    // Sends the path exactly as written (no client-side normalization), as `curl --path-as-is` does.
    private async Task<HttpContext> RawAsync(string rawPath) => await app.Server.SendAsync(c =>
    {
        c.Request.Method = "GET";
        c.Request.Path = new PathString(Uri.UnescapeDataString(rawPath.Replace("%2F", "%252F", StringComparison.OrdinalIgnoreCase)));
        c.Features.Get<IHttpRequestFeature>()!.RawTarget = rawPath;
    });

    [Fact]
    public async Task Every_spelling_of_a_private_file_path_is_404()
    {
        var key = await StoredDocumentAsync();
        var name = key[(key.LastIndexOf('/') + 1)..];
        string[] variants =
        [
            $"/media/{key}", $"/media//private/documents/{name}", $"/media///private//documents//{name}",
            $"/media/%2Fprivate/documents/{name}", $"/media/private%2Fdocuments%2F{name}", $"/media/%252Fprivate/documents/{name}",
            $"/media/./private/documents/{name}", $"/media/x/../private/documents/{name}", $"/media/%2e%2e/media/private/documents/{name}",
            $"/media\\private\\documents\\{name}", $"/media/private%5Cdocuments%5C{name}", $"/media/PRIVATE/documents/{name}",
            $"/MEDIA/Private/Documents/{name}", $"/media/ｐｒｉｖａｔｅ/documents/{name}", $"/media/%EF%BD%90rivate/documents/{name}",
            $"/media/private./documents/{name}", $"/media/private%20/documents/{name}", $"/media/documents/{name}",
            $"/media/../private/documents/{name}", $"/private/documents/{name}",
        ];
        foreach (var path in variants)
        {
            var context = await RawAsync(path);
            context.Response.StatusCode.ShouldBe(StatusCodes.Status404NotFound, path);
            context.Response.Headers.CacheControl.ToString().ShouldNotContain("public", Case.Insensitive, path);
        }
        // A NUL is refused earlier still, as bad input.
        (await RawAsync($"/media/private/documents/{name}%00")).Response.StatusCode.ShouldBe(StatusCodes.Status400BadRequest);
    }

    [Fact]
    public async Task A_fuzz_over_encodings_of_the_private_path_never_serves_the_file()
    {
        var key = await StoredDocumentAsync();
        var name = key[(key.LastIndexOf('/') + 1)..];
        string[] separators = ["/", "//", "%2F", "%2f", "%252F", "\\", "%5C", "/./", "/x/../", "%2F%2F"];
        var random = new Random(20261206);
        var tried = 0;
        for (var i = 0; i < 300; i++)
        {
            var word = string.Concat("private".Select(ch => random.Next(5) switch
            {
                0 => char.ToUpperInvariant(ch).ToString(),
                1 => "%" + ((int)ch).ToString("X2", System.Globalization.CultureInfo.InvariantCulture),
                2 => ((char)(ch - 'a' + 'ａ')).ToString(), // fullwidth, folds back under NFKC
                _ => ch.ToString(),
            }));
            var path = "/media" + separators[random.Next(separators.Length)] + word + separators[random.Next(separators.Length)]
                + "documents" + separators[random.Next(separators.Length)] + name;
            var context = await RawAsync(path);
            context.Response.StatusCode.ShouldBe(StatusCodes.Status404NotFound, path);
            tried++;
        }
        tried.ShouldBe(300);
    }

    [Fact]
    public async Task The_document_route_streams_it_with_no_store()
    {
        var (patient, patientId, _) = await _world.PatientAsync();
        var created = await (await CareWorld.UploadAsync(patient, patientId, CareWorld.Pdf("NS"))).ShouldBe(HttpStatusCode.Created);
        var back = await patient.Client.GetAsync($"/api/v1/documents/{created["id"]!.GetValue<string>()}/content");
        back.StatusCode.ShouldBe(HttpStatusCode.OK);
        back.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Theory]
    [InlineData("/media/private/a.bin")]
    [InlineData("/media//private/a.bin")]
    [InlineData("/media/%2Fprivate/a.bin")]
    [InlineData("/media/a/%2e%2e/private/a.bin")]
    [InlineData("/media/PR%49VATE/a.bin")]
    [InlineData("/media/\uFF30rivate/a.bin")]
    [InlineData("/media\\private\\a.bin")]
    public void The_guard_refuses_paths_that_normalize_into_the_private_folder(string path) =>
        PrivatePaths.IsRefused(path).ShouldBeTrue();

    [Theory]
    [InlineData("/media/products/ab12.png")]
    [InlineData("/media/banners/privateer.png")]
    public void The_guard_lets_public_files_through(string path) => PrivatePaths.IsRefused(path).ShouldBeFalse();
}
