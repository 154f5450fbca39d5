namespace Afya.Tests.Platform;

// One app per database for the tests of one class (IClassFixture<ClassApps>), started when a test first asks for it
// and stopped after the class. A start costs about half a second of CPU, which was most of what the short tests of the
// classes using this cost. xunit runs the tests of a class one after another, so no other test's writes land between
// a test's own (what the assembly-wide Apps cannot promise); each test still keeps to its own users and products.
public sealed class ClassApps : IAsyncDisposable
{
    private readonly Lazy<AfyaFactory> _sqlite = new(() => new AfyaFactory(Db.Sqlite));
    private readonly Lazy<AfyaFactory> _postgres = new(() => new AfyaFactory(Db.Postgres)); // skips (or fails under CI) without a server

    public AfyaFactory For(Db db) => (db == Db.Sqlite ? _sqlite : _postgres).Value;

    public async ValueTask DisposeAsync()
    {
        if (_sqlite.IsValueCreated) await _sqlite.Value.DisposeAsync();
        if (_postgres.IsValueCreated) await _postgres.Value.DisposeAsync();
    }
}
