using Afya.Api.Platform.Cli;

namespace Afya.Api.Modules.Care;

internal sealed class CareSampleData : ISampleData
{
    public int Order => 30;

    public Task<string> SeedAsync(IServiceProvider services, CancellationToken ct) => Task.FromResult("Care: no sample data yet.");
}
