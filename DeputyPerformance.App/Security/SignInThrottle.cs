using System.Net;
using System.Net.Sockets;
using DeputyPerformance.Domain.Operations;

namespace DeputyPerformance.App.Security;

public sealed class SignInThrottleOptions
{
    /// <summary>Failed sign-ins an address may make before it has to wait.</summary>
    public int FreeFailures { get; set; } = 3;

    /// <summary>The first wait; each further failure doubles it.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An address's failures are forgotten this long after its last one.</summary>
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Failed sign-ins per client address (an IPv6 address by its /64 network) with growing waits: after
/// <see cref="SignInThrottleOptions.FreeFailures"/> failures the address waits 1 s, then 2 s, 4 s ... up to 5 minutes
/// before its next attempt is even checked. The wait is about the address, never the account, so it tells nothing about
/// which user names exist and cannot lock a clerk out from another machine (docs/decisions/0025). The counts live in the
/// database (<see cref="ThrottleCounters"/>): every app node sees the same failures and a restart forgets none (0081).
/// </summary>
public sealed class SignInThrottle(ThrottleCounters counters, TimeProvider clock, SignInThrottleOptions options)
{
    internal const string Prefix = "s:";
    private long _lastSweepTicks;

    /// <summary>How long the address must still wait, or null when it may try now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(IPAddress? address, CancellationToken ct = default)
    {
        var key = Prefix + KeyOf(address);
        if (!(await counters.ReadAsync([key], ct)).TryGetValue(key, out var record))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (now - record.Last >= options.ForgetAfter)
        {
            return null;
        }

        var wait = record.Last + DelayAfter(record.Count) - now;
        return wait > TimeSpan.Zero ? wait : null;
    }

    public async Task FailedAsync(IPAddress? address, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        // Forgotten a quarter hour after the last failure: the next one counts as the first again.
        await counters.FailAsync(Prefix + KeyOf(address), now, restartIfFirstBefore: DateTimeOffset.MinValue,
            restartIfLastBefore: now - options.ForgetAfter + TimeSpan.FromTicks(1), ct);
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last >= TimeSpan.TicksPerMinute && Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) == last)
        {
            await counters.ForgetAsync(Prefix, now - options.ForgetAfter, ct);
        }
    }

    /// <summary>The wait after <paramref name="failures"/> failures: none within the free ones, then doubling to the cap.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        var over = failures - options.FreeFailures;
        if (over <= 0)
        {
            return TimeSpan.Zero;
        }

        var ticks = options.FirstDelay.Ticks * Math.Pow(2, Math.Min(over - 1, 30));
        return ticks >= options.MaxDelay.Ticks ? options.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    internal static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
