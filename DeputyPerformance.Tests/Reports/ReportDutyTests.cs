using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Reports;
using DeputyPerformance.Domain.Scoring;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Reports;

/// <summary>One place, no double entry: a held report to constituents is the deputy's constituent-report duty, recorded once by the app.</summary>
public sealed class ReportDutyTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(seedDemo: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task AHeldReportGivesTheDeputyHisConstituentReportDutyOnceAndItsPoints()
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var deputy = await ctx.Deputies.OrderBy(d => d.Id).FirstAsync();
        var clerk = TestCallers.TownClerk(deputy.TownId);
        var reports = _db.Get<ReportService>();
        var scores = _db.Get<ScoreService>();
        var before = (await scores.DeputyScoreAsync(TestCallers.CountyClerk, deputy.Id, 2019))!.Score;
        var reportId = await reports.PlanAsync(clerk, new ReportPlanInput { DeputyId = deputy.Id, PlannedDate = new DateOnly(2019, 5, 10) });

        await reports.RecordSessionAsync(clerk, reportId, new ReportSessionInput { HeldOn = new DateOnly(2019, 5, 10), Attendance = 60 });
        await reports.RecordSessionAsync(clerk, reportId, new ReportSessionInput { HeldOn = new DateOnly(2019, 5, 12), Attendance = 61 });

        var logs = await ctx.DutyLogs.AsNoTracking().Where(l => l.DeputyId == deputy.Id && l.CategoryCode == DutyCategory.ConstituentReport).ToListAsync();
        var log = Assert.Single(logs);
        Assert.Equal((DutyLogStatus.Approved, DutyLogSource.Procedure, new DateOnly(2019, 5, 12)), (log.Status, log.Source, log.Date));
        Assert.Equal(before + 5, (await scores.DeputyScoreAsync(TestCallers.CountyClerk, deputy.Id, 2019))!.Score);
    }

    [Fact]
    public async Task ASuspendedDeputyCannotSubmitHisRectificationPlanUntilRestored()
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var deputy = await ctx.Deputies.OrderBy(d => d.Id).FirstAsync();
        var plan = new RectificationPlan(deputy.Id, 1, new DateOnly(2019, 7, 1));
        ctx.RectificationPlans.Add(plan);
        await ctx.SaveChangesAsync();
        var reports = _db.Get<ReportService>();
        deputy.ChangeStatus(Domain.Deputies.DeputyStatus.Suspended, new DateOnly(2019, 6, 1));
        await ctx.SaveChangesAsync();

        await Assert.ThrowsAsync<Domain.Common.AccessDeniedException>(() => reports.SubmitRectificationAsync(TestCallers.Deputy(deputy.Id), plan.Id, "plan"));

        deputy.ChangeStatus(Domain.Deputies.DeputyStatus.Active, new DateOnly(2019, 6, 2));
        await ctx.SaveChangesAsync();
        await reports.SubmitRectificationAsync(TestCallers.Deputy(deputy.Id), plan.Id, "plan");
        Assert.Equal("plan", (await ctx.RectificationPlans.AsNoTracking().SingleAsync(p => p.Id == plan.Id)).Text);
    }
}
