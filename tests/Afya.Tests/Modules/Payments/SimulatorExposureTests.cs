using System.Net;
using Afya.Tests.Platform;

namespace Afya.Tests.Modules.Payments;

// The simulator says "paid" without money moving and POSTs wherever it is told: a production shop neither serves it
// nor can be switched to it by a stored setting (found by the attacker pass).
public class SimulatorExposureTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_production_host_serves_no_simulator_and_refuses_to_be_switched_to_it(Db db)
    {
        await using var app = new AfyaFactory(db, environment: "Production");
        (await app.Client().GetAsync("/daraja-sim/oauth/v1/generate?grant_type=client_credentials")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Client().PostJson("/daraja-sim/behaviours", new { phone_number = "0712345678", callbacks = 1 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var admin = app.Client().WithToken((await app.AdminAsync()).Access);
        var refused = await (await admin.PostJson("/api/v1/payments/mpesa/config", new { environment = "simulator" })).ShouldBe(HttpStatusCode.BadRequest);
        refused["code"]!.GetValue<string>().ShouldBe("VALIDATION_FAILED");
        refused["errors"]!["environment"].ShouldNotBeNull();
        var config = await (await admin.GetAsync("/api/v1/payments/mpesa/config")).ShouldBe(HttpStatusCode.OK);
        config["environment"]!.GetValue<string>().ShouldBe("production");
    }

    [Fact]
    public async Task A_host_started_for_the_simulator_bounds_what_one_behaviour_may_ask_for()
    {
        await using var app = new AfyaFactory(Db.Sqlite, new Dictionary<string, string?> { ["MPESA_ENVIRONMENT"] = "simulator" });
        (await app.Client().PostJson("/daraja-sim/behaviours", new { phone_number = "0712345678", callbacks = 1000 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Client().PostJson("/daraja-sim/behaviours", new { phone_number = "0712345678", delay_milliseconds = int.MaxValue })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.Client().PostJson("/daraja-sim/behaviours", new { phone_number = "0712345678", callbacks = 2 })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
