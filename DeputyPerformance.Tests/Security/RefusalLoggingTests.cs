using DeputyPerformance.Domain.Auditing;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Tests.Security;

/// <summary>A call that skips the UI is refused by the service itself, and the refusal names who tried what.</summary>
public sealed class RefusalLoggingTests(SeededDatabase fx) : IClassFixture<SeededDatabase>
{
    private async Task<CapturingLoggerProvider.LogRecord> RefusedAsync(Func<Task> call, string action)
    {
        var before = fx.Logs.Records.Count;
        await Assert.ThrowsAsync<AccessDeniedException>(call);
        return Assert.Single(fx.Logs.Records.Skip(before), r => r.Message.Contains(action, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATownClerkReadingAnotherTownsDeputyIsLoggedAsAWarning()
    {
        var (town, other) = await fx.TownsAsync();
        var foreign = await fx.DeputyOfTownAsync(other);

        var record = await RefusedAsync(() => fx.Get<DeputyService>().GetForEditAsync(TestCallers.TownClerk(town), foreign.Id), "Deputy.Read");

        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal(typeof(DeputyService).FullName, record.Category);
        Assert.Contains("town.clerk", record.Message);
        Assert.Contains(Roles.TownClerk, record.Message);
        Assert.Contains(foreign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), record.Message);
    }

    [Fact]
    public async Task ADeputyListingDeputiesIsLogged()
    {
        var record = await RefusedAsync(() => fx.Get<DeputyService>().ListAsync(TestCallers.Deputy(1), new ListQuery(), new DeputyFilter()), "Deputy.List");

        Assert.Contains("deputy", record.Message);
    }

    [Fact]
    public async Task ATownClerkAddingAStationElsewhereIsLogged()
    {
        var (town, other) = await fx.TownsAsync();

        var record = await RefusedAsync(() => fx.Get<LiaisonStationService>().SaveAsync(TestCallers.TownClerk(town),
            new LiaisonStationInput { Name = "越界站", TownId = other }), "LiaisonStation.Save");

        Assert.Equal(LogLevel.Warning, record.Level);
    }

    [Fact]
    public async Task ACountyClerkReadingTheAuditTrailIsLogged() =>
        await RefusedAsync(() => fx.Get<AuditService>().ListAsync(TestCallers.CountyClerk, new ListQuery()), "Audit.List");

    [Fact]
    public async Task ARefusedDeleteOfATownInUseLogsOneLineWithoutAStackTrace()
    {
        var (town, _) = await fx.TownsAsync();
        var before = fx.Logs.Records.Count;
        using var culture = new CultureScope("zh-CN");

        var ex = await Assert.ThrowsAsync<DomainException>(() => fx.Get<TownService>().DeleteAsync(TestCallers.CountyClerk, town));

        Assert.Equal("该记录仍被其他记录引用，不能删除。", ex.Message);
        var written = fx.Logs.Records.Skip(before).ToList();
        Assert.DoesNotContain(written, r => r.Level >= LogLevel.Error);
        Assert.DoesNotContain(written, r => r.Message.Contains("   at ", StringComparison.Ordinal));
        var line = Assert.Single(written);
        Assert.Contains("Town.Delete", line.Message);
        Assert.Contains("county.clerk", line.Message);
        Assert.DoesNotContain('\n', line.Message);
    }

    [Fact]
    public async Task AnAllowedCallLogsNoRefusal()
    {
        var before = fx.Logs.Records.Count;

        await fx.Get<DeputyService>().ListAsync(TestCallers.CountyClerk, new ListQuery(), new DeputyFilter());

        Assert.DoesNotContain(fx.Logs.Records.Skip(before), r => r.Message.Contains("Refused", StringComparison.Ordinal));
    }
}
