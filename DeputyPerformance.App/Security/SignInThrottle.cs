using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

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
/// which user names exist and cannot lock a clerk out from another machine (docs/decisions/0025).
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, SignInThrottleOptions options)
{
    private const int MaxTracked = 50_000;
    private readonly ConcurrentDictionary<string, Record> _failures = new();

    private sealed record Record(int Count, DateTimeOffset Last);

    /// <summary>How long the address must still wait, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        if (!_failures.TryGetValue(KeyOf(address), out var record))
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

    public void Failed(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count >= MaxTracked)
        {
            Forget(now);
        }

        _failures.AddOrUpdate(KeyOf(address), _ => new Record(1, now),
            (_, old) => now - old.Last >= options.ForgetAfter ? new Record(1, now) : new Record(old.Count + 1, now));
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

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, record) in _failures)
        {
            if (now - record.Last >= options.ForgetAfter)
            {
                _failures.TryRemove(key, out _);
            }
        }
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
