using System.Net;
using DeputyPerformance.App.Cli;
using DeputyPerformance.App.Security;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Operations;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Security;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>The sign-in throttle counts in the database (decision 0081): each test class over its own SQLite file.</summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private static readonly IPAddress Hall = IPAddress.Parse("192.0.2.10");
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private SignInThrottle Throttle() => new(_db.Get<ThrottleCounters>(), _clock, new SignInThrottleOptions());

    [Fact]
    public void ThreeFailuresAreFreeThenTheWaitDoublesUpToFiveMinutes()
    {
        var throttle = Throttle();

        Assert.Equal([0d, 0d, 0d, 1d, 2d, 4d, 8d], Enumerable.Range(1, 7).Select(n => throttle.DelayAfter(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(5), throttle.DelayAfter(40));
    }

    [Fact]
    public async Task AnAddressWaitsAfterItsFourthFailureAndOnlyThatAddress()
    {
        var throttle = Throttle();
        for (var i = 0; i < 3; i++)
        {
            await throttle.FailedAsync(Hall);
            Assert.Null(await throttle.RetryAfterAsync(Hall));
        }

        await throttle.FailedAsync(Hall);

        Assert.Equal(TimeSpan.FromSeconds(1), await throttle.RetryAfterAsync(Hall));
        Assert.Null(await throttle.RetryAfterAsync(IPAddress.Parse("192.0.2.11")));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await throttle.RetryAfterAsync(Hall));
    }

    [Fact]
    public async Task FailuresAreForgottenAQuarterHourAfterTheLastOne()
    {
        var throttle = Throttle();
        for (var i = 0; i < 8; i++) await throttle.FailedAsync(Hall);
        Assert.NotNull(await throttle.RetryAfterAsync(Hall));

        _clock.Advance(TimeSpan.FromMinutes(15));
        await throttle.FailedAsync(Hall);

        Assert.Null(await throttle.RetryAfterAsync(Hall));
    }

    [Fact]
    public async Task AnIPv6ClientIsCountedByItsNetwork()
    {
        var throttle = Throttle();
        for (var i = 0; i < 4; i++) await throttle.FailedAsync(IPAddress.Parse($"2001:db8:1:2::{i + 1}"));

        Assert.NotNull(await throttle.RetryAfterAsync(IPAddress.Parse("2001:db8:1:2::99")));
        Assert.Null(await throttle.RetryAfterAsync(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public async Task FailuresOnOneNodeMakeTheAddressWaitOnAnotherAndAfterARestart()
    {
        // Two throttles over one database: two app nodes, or one node before and after a restart.
        var nodeA = Throttle();
        for (var i = 0; i < 4; i++) await nodeA.FailedAsync(Hall);

        var nodeB = Throttle();

        Assert.Equal(TimeSpan.FromSeconds(1), await nodeB.RetryAfterAsync(Hall));
    }
}

/// <summary>The voting page's limit on failed code look-ups counts in the database (decisions 0026, 0081).</summary>
public sealed class CodeLookupThrottleTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private static readonly IPAddress Hall = IPAddress.Parse("192.0.2.10");
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private CodeLookupThrottle Throttle(int perAddress = 20, int perCode = 10) =>
        new(_db.Get<ThrottleCounters>(), _clock, new CodeLookupThrottleOptions { FailuresPerAddress = perAddress, FailuresPerCode = perCode });

    [Fact]
    public async Task SixteenVotersBehindOneAddressAreNeverRefusedForLookingUpGoodCodes()
    {
        var throttle = Throttle();

        // Good look-ups are never counted: only failures are reported to the throttle.
        foreach (var i in Enumerable.Range(0, 16 * 3)) Assert.False(await throttle.IsBlockedAsync(Hall, $"GOOD{i % 16:00}"));
    }

    [Fact]
    public async Task FailedLookUpsAreLimitedPerAddress()
    {
        var throttle = Throttle(perAddress: 20, perCode: 100);
        for (var i = 0; i < 20; i++)
        {
            Assert.False(await throttle.IsBlockedAsync(Hall, $"GUESS{i}"));
            await throttle.FailedAsync(Hall, $"GUESS{i}");
        }

        Assert.True(await throttle.IsBlockedAsync(Hall, "ANOTHER"));
        Assert.False(await throttle.IsBlockedAsync(IPAddress.Parse("192.0.2.99"), "ANOTHER"));
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(await throttle.IsBlockedAsync(Hall, "ANOTHER"));
    }

    [Fact]
    public async Task FailedLookUpsAreLimitedPerCodeFromAllAddresses()
    {
        var throttle = Throttle(perAddress: 100, perCode: 10);
        for (var i = 0; i < 10; i++) await throttle.FailedAsync(IPAddress.Parse($"198.51.100.{i + 1}"), "ab12cd");

        Assert.True(await throttle.IsBlockedAsync(IPAddress.Parse("203.0.113.1"), "AB12CD"));
        Assert.False(await throttle.IsBlockedAsync(IPAddress.Parse("203.0.113.1"), "OTHER"));
    }

    [Fact]
    public async Task TwoNodesGuessedAtTogetherShareOneCountAndLoseNoFailure()
    {
        var nodeA = Throttle(perAddress: 1000, perCode: 1000);
        var nodeB = Throttle(perAddress: 1000, perCode: 1000);

        // 2 x 25 failures of one address at the same moment, half through each node.
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => (i % 2 == 0 ? nodeA : nodeB).FailedAsync(Hall, $"G{i}"))));

        var count = (await _db.Get<ThrottleCounters>().ReadAsync(["v:a:192.0.2.10"]))["v:a:192.0.2.10"].Count;
        Assert.Equal(50, count);
        Assert.True(await Throttle(perAddress: 50).IsBlockedAsync(Hall, "NEXT"));
        Assert.False(await Throttle(perAddress: 51).IsBlockedAsync(Hall, "NEXT"));
    }

    [Fact]
    public async Task EndedWindowsAreDeletedOnlyTheirOwn()
    {
        var counters = _db.Get<ThrottleCounters>();
        var throttle = Throttle();
        await throttle.FailedAsync(Hall, "OLD1");
        await new SignInThrottle(counters, _clock, new SignInThrottleOptions()).FailedAsync(Hall);
        _clock.Advance(TimeSpan.FromMinutes(11));

        // The next failure sweeps the ended windows of the voting page (once a minute per node), not the sign-in counts.
        await throttle.FailedAsync(Hall, "NEW1");

        var left = await counters.ReadAsync(["v:c:OLD1", "v:c:NEW1", "s:192.0.2.10"]);
        Assert.Equal(["s:192.0.2.10", "v:c:NEW1"], left.Keys.Order(StringComparer.Ordinal));
    }
}

public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/deputies?q=张三", "/deputies?q=%E5%BC%A0%E4%B8%89")]
    [InlineData("/中", "/%E4%B8%AD")]
    [InlineData("/%E4%B8%AD", "/%E4%B8%AD")]
    [InlineData("/deputies?q=a%20b#top", "/deputies?q=a%20b#top")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/a\nb", "/")]
    [InlineData(null, "/")]
    public void OnlyLocalTargetsAreKeptAndWrittenInAscii(string? url, string expected) => Assert.Equal(expected, LocalUrls.Safe(url));
}

public sealed class EvidenceNameTests
{
    [Theory]
    [InlineData("report.html", "application/pdf", "report.pdf")]
    [InlineData("setup.exe", "application/pdf", "setup.pdf")]
    [InlineData("x.hta", "application/pdf", "x.pdf")]
    [InlineData("照片.PNG", "image/png", "照片.png")]
    [InlineData("C:\\Users\\clerk\\会议.jpeg", "image/jpeg", "会议.jpg")]
    [InlineData("a\"b<c>;d%.pdf", "application/pdf", "a_b_c__d_.pdf")]
    [InlineData("\u202Efdp.exe", "application/pdf", "_fdp.pdf")]
    [InlineData("...", "application/pdf", "evidence.pdf")]
    [InlineData("", "image/png", "evidence.png")]
    public void TheNameGetsTheDetectedTypesExtensionAndNoUnsafeCharacters(string uploaded, string type, string expected) =>
        Assert.Equal(expected, EvidenceNames.Safe(uploaded, type));
}

public sealed class CommandLineOptionTests
{
    [Fact]
    public void AnOptionWrittenWithAnEqualsSignReachesTheVerb()
    {
        var line = AdminCommandLine.Parse(["create-admin", "--user=root", "--ConnectionStrings:Default=Data Source=x.db"]);

        Assert.Equal("create-admin", line.Verb);
        Assert.Equal("root", line.Option("--user"));
        Assert.Contains("--ConnectionStrings:Default=Data Source=x.db", line.ConfigurationArgs);
        Assert.DoesNotContain("--ConnectionStrings:Default=Data Source=x.db", line.VerbArgs);
    }

    [Fact]
    public void WithoutAVerbTheServerKeepsItsSwitches()
    {
        var line = AdminCommandLine.Parse(["--urls=http://127.0.0.1:5000"]);

        Assert.Null(line.Verb);
        Assert.Contains("--urls=http://127.0.0.1:5000", line.ConfigurationArgs);
    }
}
