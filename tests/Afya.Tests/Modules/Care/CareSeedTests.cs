using System.Net;
using Afya.Api.Platform.Cli;
using Afya.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Afya.Tests.Modules.Care;

public class CareSeedTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Seed_adds_hospitals_doctors_and_a_demo_patient_who_can_sign_in_and_read_their_document(Db provider)
    {
        await using var app = new AfyaFactory(provider);
        var environment = app.Services.GetRequiredService<IHostEnvironment>();
        var output = new StringWriter();
        (await AfyaCli.RunAsync(app.Services, environment, ["seed"], output)).ShouldBe(0, output.ToString());
        (await AfyaCli.RunAsync(app.Services, environment, ["seed"], output)).ShouldBe(0, output.ToString());
        output.ToString().ShouldContain("Care: 2 hospitals, 3 doctors, demo patient");

        var login = await (await app.Client().PostJson("/api/v1/auth/login", new { email = "patient@afya.local", password = "afya-demo-2026" })).ShouldBe(HttpStatusCode.OK);
        var patient = app.Client().WithToken(login["access"]!.GetValue<string>());
        var me = await (await patient.GetAsync("/api/v1/auth/me")).ShouldBe(HttpStatusCode.OK);
        var patientId = me["patient_id"]!.GetValue<string>();
        (await (await patient.GetAsync($"/api/v1/patients/{patientId}")).ShouldBe(HttpStatusCode.OK))["aadhaar_last4"]!.GetValue<string>().ShouldBe("5675");
        CareWorld.Results(await (await patient.GetAsync("/api/v1/doctors")).ShouldBe(HttpStatusCode.OK)).Count.ShouldBe(3);
        CareWorld.Results(await (await patient.GetAsync("/api/v1/hospitals")).ShouldBe(HttpStatusCode.OK)).Count.ShouldBe(2);
        CareWorld.Results(await (await patient.GetAsync("/api/v1/consents")).ShouldBe(HttpStatusCode.OK)).Single()!["status"]!.GetValue<string>().ShouldBe("active");
        var document = CareWorld.Results(await (await patient.GetAsync($"/api/v1/documents?patient_id={patientId}")).ShouldBe(HttpStatusCode.OK)).Single()!;
        var content = await patient.GetAsync($"/api/v1/documents/{document["id"]}/content");
        content.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await content.Content.ReadAsStringAsync()).ShouldStartWith("%PDF-");
    }
}
