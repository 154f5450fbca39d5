using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Payments;

// One simulated push, as the simulator's own Daraja would remember it.
public sealed record SimulatedPush(string MerchantRequestId, string CheckoutRequestId, long Amount, string Phone, string CallbackUrl, int ResultCode,
    string ResultDesc, int Callbacks, DateTimeOffset DueAt, string Receipt, long? CallbackAmount, bool Forgotten);

// What the simulator does for one phone number, set over HTTP for tests and demos: the result code, how many callbacks
// (0 never, 1, 2 twice), how late, an amount the callback claims instead of the real one, or forget the push entirely
// (the STK query then answers "Invalid CheckoutRequestID", as for a push Daraja never knew).
// RefundResultCode: the Result of a reversal or B2C refund to this phone (0 by default).
public sealed record SimulatorBehaviour(string PhoneNumber, int? ResultCode, int? Callbacks, int? DelayMilliseconds, long? CallbackAmount, bool? Forget,
    int? RefundResultCode = null);

// The simulator's pushes, kept in a JSON-lines file of its own (never Afya's database), so a restarted host still
// answers STK queries for pushes made before the crash, as Daraja would.
public sealed class SimulatorStore(IOptions<MpesaOptions> options)
{
    private readonly ConcurrentDictionary<string, SimulatedPush> _pushes = new();
    private readonly ConcurrentDictionary<string, SimulatorBehaviour> _behaviours = new();
    private readonly Lock _gate = new();
    private bool _loaded;

    public string Path => options.Value.Simulator.StorePath is { Length: > 0 } p ? p : System.IO.Path.Combine(System.IO.Path.GetTempPath(), "afya-daraja-sim.jsonl");

    public void Add(SimulatedPush push)
    {
        Load();
        var line = JsonSerializer.Serialize(push) + "\n";
        lock (_gate)
        {
            // Written before the push is answered: a crash afterwards still leaves Daraja's record of it.
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            file.Write(Encoding.UTF8.GetBytes(line));
            file.Flush(flushToDisk: true);
        }
        _pushes[push.CheckoutRequestId] = push;
    }

    public SimulatedPush? Find(string checkoutRequestId)
    {
        Load();
        if (_pushes.TryGetValue(checkoutRequestId, out var push)) return push;
        // Another process (a second node, the restarted app) may have written it since this one loaded.
        ReadFile();
        return _pushes.GetValueOrDefault(checkoutRequestId);
    }

    public SimulatedPush? FindByReceipt(string receipt)
    {
        Load();
        return _pushes.Values.FirstOrDefault(p => p.Receipt == receipt);
    }

    public void Behave(SimulatorBehaviour behaviour) => _behaviours[behaviour.PhoneNumber] = behaviour;

    public SimulatorBehaviour? BehaviourFor(string phone) => _behaviours.GetValueOrDefault(phone);

    private void Load()
    {
        if (_loaded) return;
        ReadFile();
        _loaded = true;
    }

    private void ReadFile()
    {
        lock (_gate)
        {
            if (!File.Exists(Path)) return;
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0) continue;
                try
                {
                    if (JsonSerializer.Deserialize<SimulatedPush>(line) is { } push) _pushes[push.CheckoutRequestId] = push;
                }
                catch (JsonException)
                {
                    // A line cut short by a crash mid-write: that push was never answered, so Daraja never knew it.
                }
            }
        }
    }
}
