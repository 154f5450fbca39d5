using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.Security;

// The data folder holds the SQLite database, the key ring, secrets.json and mailed links: a folder the service makes
// for itself is closed to every other account on the machine.
public sealed class DataFolderTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_data_folder_the_service_creates_is_its_owners_alone()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only.");
        var root = Directory.CreateTempSubdirectory("afya-data-").FullName;
        try
        {
            var data = Path.Combine(root, "data");
            await using (var app = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { ["Storage:DataPath"] = data }))
            {
                (await app.Client().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
            }
            File.GetUnixFileMode(data).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
