using System.Net;
using DeputyPerformance.Domain.Operations;

namespace DeputyPerformance.App.Security;

public sealed class CodeLookupThrottleOptions
{
    /// <summary>Unknown voting codes one address may look up per window (a hall's Wi-Fi shares one address).</summary>
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>Failed look-ups of one code per window, from all addresses together.</summary>
    public int FailuresPerCode { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Limits the FAILED look-ups of voting codes, per client address and per code, instead of all requests: sixteen voters
/// behind one proxy or hall Wi-Fi cast freely, while guessing codes stops after a few tries per window
/// (docs/decisions/0026). A window starts at its key's first failure; the counts live in the database
/// (<see cref="ThrottleCounters"/>), so every app node behind the proxy counts the same failures and a restart forgets
/// nothing (decision 0081).
/// </summary>
public sealed class CodeLookupThrottle(ThrottleCounters counters, TimeProvider clock, CodeLookupThrottleOptions options)
{
    internal const string Prefix = "v:";
    private long _lastSweepTicks;

    /// <summary>Whether this address, or this code, has used up its failed look-ups of the current window.</summary>
    public async Task<bool> IsBlockedAsync(IPAddress? address, string code, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var (addressKey, codeKey) = (AddressKey(address), CodeKey(code));
        var found = await counters.ReadAsync([addressKey, codeKey], ct);
        return Exhausted(addressKey, options.FailuresPerAddress) || Exhausted(codeKey, options.FailuresPerCode);

        bool Exhausted(string key, int limit) => found.TryGetValue(key, out var state) && now - state.First < options.Window && state.Count >= limit;
    }

    /// <summary>Counts one failed look-up (an unknown code) against the address and the code.</summary>
    public async Task FailedAsync(IPAddress? address, string code, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        foreach (var key in new[] { AddressKey(address), CodeKey(code) })
        {
            await counters.FailAsync(key, now, restartIfFirstBefore: now - options.Window + TimeSpan.FromTicks(1), restartIfLastBefore: DateTimeOffset.MinValue, ct);
        }

        // Once a minute per node, the windows that ended go (their last failure is older than a window).
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last >= TimeSpan.TicksPerMinute && Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) == last)
        {
            await counters.ForgetAsync(Prefix, now - options.Window, ct);
        }
    }

    private static string AddressKey(IPAddress? address) => Prefix + "a:" + SignInThrottle.KeyOf(address);

    // Codes are compared as the voter page reads them; the length cap keeps a flood of long junk in one counter.
    private static string CodeKey(string code) => Prefix + "c:" + (code.Length > 64 ? code[..64] : code).ToUpperInvariant();
}
