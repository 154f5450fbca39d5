using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Payments;

// One simulated push, as the simulator's own Daraja would remember it.
public sealed record SimulatedPush(string MerchantRequestId, string CheckoutRequestId, long Amount, string Phone, string CallbackUrl, int ResultCode,
    string ResultDesc, int Callbacks, DateTimeOffset DueAt, string Receipt, long? CallbackAmount, bool Forgotten);

// One simulated refund (Reversal or B2C), remembered so that Transaction Status can answer for it, across restarts too.
public sealed record SimulatedRefund(string OriginatorConversationId, string ConversationId, long Amount, string Phone, int ResultCode, string ResultDesc,
    string TransactionId, DateTimeOffset DueAt);

// What the simulator does for one phone number, set over HTTP for tests and demos: the result code, how many callbacks
// (0 never, 1, 2 twice), how late, an amount the callback claims instead of the real one, or forget the push entirely
// (the STK query then answers "Invalid CheckoutRequestID", as for a push Daraja never knew).
// RefundResultCode: the Result of a reversal or B2C refund to this phone (0 by default); RefundDelayMilliseconds: how long
// the refund takes (Transaction Status says Pending until then); RefundCallbacks: 0 for a Result that never comes.
public sealed record SimulatorBehaviour(string PhoneNumber, int? ResultCode, int? Callbacks, int? DelayMilliseconds, long? CallbackAmount, bool? Forget,
    int? RefundResultCode = null, int? RefundDelayMilliseconds = null, int? RefundCallbacks = null);

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

    private readonly ConcurrentDictionary<string, SimulatedRefund> _refunds = new();

    private string RefundPath => Path + ".refunds";

    public void AddRefund(SimulatedRefund refund)
    {
        lock (_gate)
        {
            using var file = new FileStream(RefundPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            file.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(refund) + "\n"));
            file.Flush(flushToDisk: true);
        }
        _refunds[refund.OriginatorConversationId] = refund;
    }

    public SimulatedRefund? FindRefund(string originatorConversationId)
    {
        if (_refunds.TryGetValue(originatorConversationId, out var refund)) return refund;
        lock (_gate)
        {
            if (!File.Exists(RefundPath)) return null;
            foreach (var line in File.ReadLines(RefundPath))
            {
                try
                {
                    if (line.Length > 0 && JsonSerializer.Deserialize<SimulatedRefund>(line) is { } r) _refunds[r.OriginatorConversationId] = r;
                }
                catch (JsonException)
                {
                    // cut short by a crash mid-write: never answered, so never known
                }
            }
        }
        return _refunds.GetValueOrDefault(originatorConversationId);
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
