using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Afya.Tests.Platform.Fakes;

public sealed record TwilioRequest(string Path, string? Authorization, IReadOnlyDictionary<string, string> Form);

// Twilio's Messages API as an HTTP server on loopback: records each request, answers as scripted.
public sealed class FakeTwilio : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentQueue<TwilioRequest> Requests { get; } = new();

    // Statuses to answer with, in order; when empty, 201 Created.
    public ConcurrentQueue<int> Script { get; } = new();

    public string BaseUrl { get; }

    private FakeTwilio(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FakeTwilio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeTwilio? fake = null;
        app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            fake!.Requests.Enqueue(new TwilioRequest(http.Request.Path, http.Request.Headers.Authorization,
                form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString())));
            var status = fake.Script.TryDequeue(out var scripted) ? scripted : 201;
            return status == 201
                ? Results.Json(new { sid = "SM" + Guid.NewGuid().ToString("N"), status = "queued" }, statusCode: 201)
                : Results.Json(new { code = status == 400 ? 21211 : 20500, message = status == 400 ? "The 'To' number is not a valid phone number." : "Internal error", status }, statusCode: status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeTwilio(app, address);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
