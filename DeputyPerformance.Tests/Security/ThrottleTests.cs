using System.Net;
using DeputyPerformance.App.Cli;
using DeputyPerformance.App.Security;
using DeputyPerformance.Domain.Duties;

namespace DeputyPerformance.Tests.Security;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

public sealed class SignInThrottleTests
{
    private readonly ManualClock _clock = new();
    private static readonly IPAddress Hall = IPAddress.Parse("192.0.2.10");

    private SignInThrottle Throttle() => new(_clock, new SignInThrottleOptions());

    [Fact]
    public void ThreeFailuresAreFreeThenTheWaitDoublesUpToFiveMinutes()
    {
        var throttle = Throttle();

        Assert.Equal([0d, 0d, 0d, 1d, 2d, 4d, 8d], Enumerable.Range(1, 7).Select(n => throttle.DelayAfter(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(5), throttle.DelayAfter(40));
    }

    [Fact]
    public void AnAddressWaitsAfterItsFourthFailureAndOnlyThatAddress()
    {
        var throttle = Throttle();
        for (var i = 0; i < 3; i++)
        {
            throttle.Failed(Hall);
            Assert.Null(throttle.RetryAfter(Hall));
        }

        throttle.Failed(Hall);

        Assert.Equal(TimeSpan.FromSeconds(1), throttle.RetryAfter(Hall));
        Assert.Null(throttle.RetryAfter(IPAddress.Parse("192.0.2.11")));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(throttle.RetryAfter(Hall));
    }

    [Fact]
    public void FailuresAreForgottenAQuarterHourAfterTheLastOne()
    {
        var throttle = Throttle();
        for (var i = 0; i < 8; i++) throttle.Failed(Hall);
        Assert.NotNull(throttle.RetryAfter(Hall));

        _clock.Advance(TimeSpan.FromMinutes(15));
        throttle.Failed(Hall);

        Assert.Null(throttle.RetryAfter(Hall));
    }

    [Fact]
    public void AnIPv6ClientIsCountedByItsNetwork()
    {
        var throttle = Throttle();
        for (var i = 0; i < 4; i++) throttle.Failed(IPAddress.Parse($"2001:db8:1:2::{i + 1}"));

        Assert.NotNull(throttle.RetryAfter(IPAddress.Parse("2001:db8:1:2::99")));
        Assert.Null(throttle.RetryAfter(IPAddress.Parse("2001:db8:1:3::1")));
    }
}

public sealed class CodeLookupThrottleTests
{
    private readonly ManualClock _clock = new();
    private static readonly IPAddress Hall = IPAddress.Parse("192.0.2.10");

    [Fact]
    public void SixteenVotersBehindOneAddressAreNeverRefusedForLookingUpGoodCodes()
    {
        var throttle = new CodeLookupThrottle(_clock, new CodeLookupThrottleOptions());

        // Good look-ups are never counted: only failures are reported to the throttle.
        Assert.All(Enumerable.Range(0, 16 * 3), i => Assert.False(throttle.IsBlocked(Hall, $"GOOD{i % 16:00}")));
    }

    [Fact]
    public void FailedLookUpsAreLimitedPerAddress()
    {
        var throttle = new CodeLookupThrottle(_clock, new CodeLookupThrottleOptions { FailuresPerAddress = 20, FailuresPerCode = 100 });
        for (var i = 0; i < 20; i++)
        {
            Assert.False(throttle.IsBlocked(Hall, $"GUESS{i}"));
            throttle.Failed(Hall, $"GUESS{i}");
        }

        Assert.True(throttle.IsBlocked(Hall, "ANOTHER"));
        Assert.False(throttle.IsBlocked(IPAddress.Parse("192.0.2.99"), "ANOTHER"));
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(throttle.IsBlocked(Hall, "ANOTHER"));
    }

    [Fact]
    public void FailedLookUpsAreLimitedPerCodeFromAllAddresses()
    {
        var throttle = new CodeLookupThrottle(_clock, new CodeLookupThrottleOptions { FailuresPerAddress = 100, FailuresPerCode = 10 });
        for (var i = 0; i < 10; i++) throttle.Failed(IPAddress.Parse($"198.51.100.{i + 1}"), "ab12cd");

        Assert.True(throttle.IsBlocked(IPAddress.Parse("203.0.113.1"), "AB12CD"));
        Assert.False(throttle.IsBlocked(IPAddress.Parse("203.0.113.1"), "OTHER"));
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
