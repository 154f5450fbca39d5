using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Afya.Tests.Platform;
using Afya.Tests.Readme;

namespace Afya.Tests.Modules.Care.Crash;

// Audit entries of concurrent reads share one commit (AuditWriter), but each read answers only after its entry is
// committed. The built app, killed with SIGKILL in the middle of a burst of patient-list reads and started again on
// the same database, holds at least one audit entry for every read that was answered.
public sealed class AuditCrashTests
{
    private const int Readers = 8;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Killing_the_app_in_a_burst_of_record_reads_loses_no_audit_entry_of_an_answered_read(string database)
    {
        var ct = TestContext.Current.CancellationToken;
        var data = Directory.CreateTempSubdirectory("afya-audit-crash-").FullName;
        var env = ChildApps.ProductionSettings(data);
        if (database == "postgres") env["DATABASE_URL"] = await ChildApps.CreatePostgresDatabaseAsync("afya_audit", ct);
        await using var dropped = ChildApps.DroppedAfterwards(env);

        var app = await AppProcess.LaunchAsync(env, ct);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(100) };
            await ChildApps.SetUpAdminAsync(http, "audit-admin@example.com", "audit-admin-pass-1");
            var reader = await ChildApps.TokenAsync(http, "/api/v1/auth/register", Calls.UniqueEmail("audit-crash"), "audit-reader-pass-1");
            for (var i = 0; i < 5; i++)
                await SendAsync(http, reader, HttpMethod.Post, "/api/patients/", new { name = $"Crash Patient {i}", age = 30 + i, gender = "Other" });

            // Readers loop until the app dies; every 200 they receive is a read that must be in the trail.
            var answered = 0;
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var loops = Enumerable.Range(0, Readers).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/patients/");
                        request.Headers.Authorization = new("Bearer", reader);
                        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                        if (response.StatusCode != HttpStatusCode.OK) continue;
                        if (Interlocked.Increment(ref answered) >= 150) enough.TrySetResult();
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        return;
                    }
                }
            }, ct)).ToList();
            await enough.Task.WaitAsync(TimeSpan.FromMinutes(5), ct);
            await app.KillAsync();
            await Task.WhenAll(loops);
            var reads = Volatile.Read(ref answered);

            app = await AppProcess.LaunchAsync(env, ct);
            var admin = await ChildApps.TokenAsync(http, "/api/v1/auth/login", "audit-admin@example.com", "audit-admin-pass-1");
            var me = await SendAsync(http, reader, HttpMethod.Get, "/api/v1/auth/me", null);
            var trail = await SendAsync(http, admin, HttpMethod.Get,
                $"/api/v1/audit?actor_id={me["id"]}&action=patient.list&page_size=1", null);
            trail["count"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(reads,
                $"{reads} reads were answered; each must have its audit entry ({database})");
        }
        finally
        {
            await app.DisposeAsync();
        }
    }



    private static async Task<JsonNode> SendAsync(HttpClient http, string token, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, options: Calls.Json);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBeOneOf([HttpStatusCode.OK, HttpStatusCode.Created], $"{path}: {await response.Content.ReadAsStringAsync()}");
        return await response.Body();
    }

}
