using System.Security.Claims;
using Bunit;
using DeputyPerformance.App.Components.Pages.Reports;
using DeputyPerformance.App.Security;
using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Reports;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace DeputyPerformance.Tests.Reports;

/// <summary>The deputy's own reports: his band, the exit review a report raised, and his rectification plan kept after submitting.</summary>
public sealed class MyReportsPageTests : AppComponentTest
{
    private async Task<int> DeputyWithAPoorReportAsync()
    {
        await using var ctx = await Db.Factory.CreateDbContextAsync();
        var deputy = await ctx.Deputies.OrderBy(d => d.Id).FirstAsync();
        var clerk = TestCallers.TownClerk(deputy.TownId);
        var second = new Caller("town.clerk2", Roles.TownClerk, TownId: deputy.TownId);
        var reports = Db.Get<ReportService>();
        var votes = Db.Get<VoteService>();
        var reportId = await reports.PlanAsync(clerk, new ReportPlanInput { DeputyId = deputy.Id, PlannedDate = new DateOnly(2019, 5, 10) });
        await reports.RecordSessionAsync(clerk, reportId, new ReportSessionInput { HeldOn = new DateOnly(2019, 5, 10), Attendance = 60 });
        var voteId = await votes.CreateAsync(clerk, new VoteSubject(VoteKind.ConstituentReport, reportId), VoteMode.Paper);
        var counts = TallyCounts.From(60, 60, 0, 10, 10, 40);
        await votes.EnterBoxAsync(clerk, voteId, 1, "1", counts);
        await votes.EnterBoxAsync(second, voteId, 2, "1", counts);
        await votes.ConfirmAsync(clerk, voteId);
        return deputy.Id;
    }

    private IRenderedComponent<MyReports> RenderAsDeputy(int deputyId)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("deputy");
        auth.SetRoles(Roles.Deputy);
        auth.SetClaims(new Claim(AppClaimsPrincipalFactory.DeputyClaim, deputyId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Render<MudPopoverProvider>();
        return Render<MyReports>();
    }

    [Fact]
    public async Task TheDeputySeesHisBandAndExitReviewAndKeepsHisPlanAfterSubmittingIt()
    {
        using var culture = new CultureScope("zh-CN");
        var deputyId = await DeputyWithAPoorReportAsync();

        var cut = RenderAsDeputy(deputyId);

        cut.WaitForAssertion(() => Assert.Contains("不称职", cut.Find("[data-testid=my-report-result]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("退出审查", cut.Find("[data-testid=my-report-flag]").TextContent);
        var plan = cut.Find("[data-testid=rectification-plan]");
        Assert.NotNull(plan.QuerySelector("[data-testid=rectification-due]"));

        cut.Find("textarea[data-testid=rectification-input]").Input("加强与选民联系，每月进站接待一次。");
        cut.Find("button[data-testid=rectification-submit]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("加强与选民联系，每月进站接待一次。", cut.Find("[data-testid=rectification-text]").TextContent.Trim());
            Assert.Empty(cut.FindAll("[data-testid=rectification-input]"));
        }, TimeSpan.FromSeconds(10));
    }
}
