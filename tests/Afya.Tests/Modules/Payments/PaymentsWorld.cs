using System.Globalization;
using Afya.Tests.Platform;
using Afya.Tests.Platform.Fakes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Afya.Tests.Modules.Payments;

// A host on a real port (Kestrel), so the Daraja client reaches the in-host simulator and the simulator's
// callback reaches the host over real HTTP, as Safaricom's would. Mail goes to an SMTP sink.
public abstract class PaymentsWorld(Db provider) : IAsyncLifetime
{
    public SmtpSink Smtp { get; } = SmtpSink.Start();
    public AfyaFactory App { get; private set; } = null!;

    // The simulator's own record of its pushes, one file per fixture (as Daraja's would be, apart from Afya's database).
    public string SimulatorStorePath { get; } = Path.Combine(Path.GetTempPath(), $"afya-sim-{Guid.NewGuid():N}.jsonl");

    public ValueTask InitializeAsync()
    {
        App = new AfyaFactory(provider, new Dictionary<string, string?>
        {
            ["MPESA_ENVIRONMENT"] = "simulator",
            ["Mpesa:Simulator:CallbackDelayMilliseconds"] = "400",
            ["Mpesa:ReconcileAfterSeconds"] = "3",
            ["Mpesa:ReconcileEverySeconds"] = "1",
            ["Mpesa:ExpireAfterSeconds"] = "6",
            ["Mpesa:MaxQueryAttempts"] = "2",
            ["Mpesa:InboxEverySeconds"] = "0.5",
            ["Mpesa:PhoneCooldownSeconds"] = "0",
            ["Mpesa:PhoneHourly"] = "1000",
            ["Mpesa:UserHourly"] = "12",
            ["Mpesa:Simulator:StorePath"] = SimulatorStorePath,
            ["MAIL_SERVER"] = "127.0.0.1",
            ["MAIL_PORT"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["MAIL_STARTTLS"] = "false",
            ["MAIL_FROM"] = "shop@afya.example",
        });
        App.UseKestrel(0);
        App.StartServer();
        App.ServerAddress = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
        File.Delete(SimulatorStorePath);
        GC.SuppressFinalize(this);
    }
}

public sealed class SqlitePaymentsWorld() : PaymentsWorld(Db.Sqlite);
public sealed class PostgresPaymentsWorld() : PaymentsWorld(Db.Postgres);
