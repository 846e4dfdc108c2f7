using System.Collections.Concurrent;
using System.Net;

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
/// (docs/decisions/0026). Fixed windows in memory: a restart forgets them, which a guesser cannot exploit faster than
/// the window itself.
/// </summary>
public sealed class CodeLookupThrottle(TimeProvider clock, CodeLookupThrottleOptions options)
{
    private const int MaxTracked = 100_000;
    private readonly ConcurrentDictionary<string, Window> _failures = new();

    private sealed record Window(DateTimeOffset Start, int Count);

    /// <summary>Whether this address, or this code, has used up its failed look-ups of the current window.</summary>
    public bool IsBlocked(IPAddress? address, string code) =>
        CountOf(AddressKey(address)) >= options.FailuresPerAddress || CountOf(CodeKey(code)) >= options.FailuresPerCode;

    /// <summary>Counts one failed look-up (an unknown code) against the address and the code.</summary>
    public void Failed(IPAddress? address, string code)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count >= MaxTracked)
        {
            foreach (var (key, window) in _failures)
            {
                if (now - window.Start >= options.Window) _failures.TryRemove(key, out _);
            }
        }

        foreach (var key in new[] { AddressKey(address), CodeKey(code) })
        {
            _failures.AddOrUpdate(key, _ => new Window(now, 1),
                (_, old) => now - old.Start >= options.Window ? new Window(now, 1) : old with { Count = old.Count + 1 });
        }
    }

    private int CountOf(string key) =>
        _failures.TryGetValue(key, out var window) && clock.GetUtcNow() - window.Start < options.Window ? window.Count : 0;

    private static string AddressKey(IPAddress? address) => "a:" + SignInThrottle.KeyOf(address);

    // Codes are compared as the voter page reads them; the length cap keeps a flood of long junk from growing memory.
    private static string CodeKey(string code) => "c:" + (code.Length > 64 ? code[..64] : code).ToUpperInvariant();
}
