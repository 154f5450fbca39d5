using Afya.Api.Platform.Auth;
using Afya.Api.Platform.Data;
using Afya.Api.Platform.Http;
using Afya.Api.Platform.Throttling;
using Microsoft.Extensions.Options;

namespace Afya.Api.Modules.Payments;

// A push puts a prompt with our shortcode's name on someone's phone: limited per caller (every attempt counts, so
// probing for something to pay is capped too) and per target phone (a cooldown and an hourly cap on prompts sent).
// Counters are database rows (RateCounter), so the limits hold across nodes and parallel requests.
public sealed class PushLimits(RateCounter counters, AfyaDb db, IOptions<MpesaOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    // Staff push for the customers they serve and are not capped per user; their target phones still are.
    public async Task<ProblemHttpResult?> CallerAsync(CurrentUser me, CancellationToken ct)
    {
        if (me.IsInRole(Roles.Admin)) return null;
        var key = $"mpesa-push:user:{me.Id}";
        return await counters.TryReserveAsync(key, Hour, options.Value.UserHourly, ct) ? null
            : await TooManyAsync(key, Hour, "Too many payment requests from this account; try again later.", ct);
    }

    public async Task<ProblemHttpResult?> PhoneAsync(string phone, CancellationToken ct)
    {
        var o = options.Value;
        if (o.PhoneCooldownSeconds > 0)
        {
            var cooldown = TimeSpan.FromSeconds(o.PhoneCooldownSeconds);
            var key = $"mpesa-push:phone-cooldown:{phone}";
            if (!await counters.TryReserveAsync(key, cooldown, 1, ct))
                return await TooManyAsync(key, cooldown, "A payment prompt was just sent to this phone; wait before sending another.", ct);
        }
        var hourly = $"mpesa-push:phone:{phone}";
        return await counters.TryReserveAsync(hourly, Hour, o.PhoneHourly, ct) ? null
            : await TooManyAsync(hourly, Hour, "Too many payment prompts to this phone; try again later.", ct);
    }

    private async Task<ProblemHttpResult> TooManyAsync(string key, TimeSpan window, string title, CancellationToken ct)
    {
        var started = await db.Set<RateCounterRow>().AsNoTracking().Where(r => r.Key == key).Select(r => (DateTime?)r.WindowStartedAt).FirstOrDefaultAsync(ct);
        var wait = (started ?? clock.GetUtcNow().UtcDateTime) + window - clock.GetUtcNow().UtcDateTime;
        return ApiProblem.TooMany("PUSH_RATE_LIMITED", title, wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
    }
}
