using System.Text.Json.Nodes;
using Afya.Api.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Afya.Tests.Platform.Tests;

// PostgreSQL breaks a deadlock by rolling one transaction back whole: the request that lost is told to try again (409),
// not that something broke (500). The exception is PostgreSQL's own, from a deadlock made here on two connections.
public sealed class DeadlockAnswerTests(Apps apps)
{
    [Fact]
    public async Task A_deadlock_PostgreSQL_broke_is_answered_409_try_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await apps.Postgres.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        var deadlock = await DeadlockAsync(connectionString, ct);
        deadlock.SqlState.ShouldBe(PostgresErrorCodes.DeadlockDetected);

        foreach (var thrown in new Exception[] { deadlock, new DbUpdateException("An error occurred while saving the entity changes.", deadlock) })
        {
            var (status, problem) = await AnswerAsync(thrown, ct);
            status.ShouldBe(StatusCodes.Status409Conflict, thrown.GetType().Name);
            problem["code"]!.GetValue<string>().ShouldBe("CONCURRENCY_CONFLICT");
        }
    }

    // Two transactions each holding the row the other updates next; PostgreSQL rolls one back with 40P01.
    private static async Task<PostgresException> DeadlockAsync(string connectionString, CancellationToken ct)
    {
        var table = $"deadlock_probe_{Guid.NewGuid():N}";
        await using var a = new NpgsqlConnection(connectionString);
        await using var b = new NpgsqlConnection(connectionString);
        await a.OpenAsync(ct);
        await b.OpenAsync(ct);
        await ExecuteAsync(a, $"CREATE TABLE {table} (id int PRIMARY KEY, v int); INSERT INTO {table} VALUES (1, 0), (2, 0)", ct);
        try
        {
            await using var first = await a.BeginTransactionAsync(ct);
            await using var second = await b.BeginTransactionAsync(ct);
            await ExecuteAsync(a, $"UPDATE {table} SET v = 1 WHERE id = 1", ct);
            await ExecuteAsync(b, $"UPDATE {table} SET v = 1 WHERE id = 2", ct);
            var crossing = new[] { ExecuteAsync(a, $"UPDATE {table} SET v = 2 WHERE id = 2", ct), ExecuteAsync(b, $"UPDATE {table} SET v = 2 WHERE id = 1", ct) };
            // WhenAll waits for both: the other update goes through once the loser's locks are gone.
            return await Should.ThrowAsync<PostgresException>(() => Task.WhenAll(crossing));
        }
        finally
        {
            await ExecuteAsync(a, $"DROP TABLE IF EXISTS {table}", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<(int Status, JsonNode Problem)> AnswerAsync(Exception thrown, CancellationToken ct)
    {
        await using var scope = apps.Postgres.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Response.Body = new MemoryStream();
        var handler = ActivatorUtilities.CreateInstance<UnexpectedExceptionHandler>(scope.ServiceProvider);
        (await handler.TryHandleAsync(http, thrown, ct)).ShouldBeTrue();
        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, (await JsonNode.ParseAsync(http.Response.Body, cancellationToken: ct))!);
    }
}
