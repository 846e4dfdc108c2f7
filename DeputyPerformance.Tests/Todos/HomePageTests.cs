using Bunit;
using DeputyPerformance.App.Components.Pages;
using DeputyPerformance.App.Components.Pages.Committee;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Tests.Duties;
using DeputyPerformance.Tests.Support;
using MudBlazor;

namespace DeputyPerformance.Tests.Todos;

/// <summary>The home page: a clerk's to-do list, and cards that offer a role only what it may do.</summary>
public sealed class HomePageTests : AppComponentTest
{
    [Fact]
    public async Task AClerksHomeListsTheLogsWaitingForReviewWithALinkToThem()
    {
        using var culture = new CultureScope("zh-CN");
        var towns = await DutyTestData.TownIdsAsync(Db);
        var deputy = await DutyTestData.DeputyOfTownAsync(Db, towns[0]);
        await Db.Get<DutyLogService>().SubmitAsync(TestCallers.Deputy(deputy.Id), DutyTestData.Input(deputy.Id));
        DailyAuth.SignIn(this, "town.clerk", Roles.TownClerk, townId: towns[0]);

        var cut = Render<Home>();

        cut.WaitForAssertion(() =>
        {
            var item = cut.Find("[data-testid=todo-logs]");
            Assert.Contains("待审核的履职登记", item.TextContent);
            Assert.Contains("1", item.TextContent);
            Assert.Equal("/duties?status=Pending", item.GetAttribute("href") ?? item.QuerySelector("a")?.GetAttribute("href"));
        });
        Assert.Contains("新增和编辑", cut.Find("[data-testid=home-deputies-hint]").TextContent);
    }

    [Fact]
    public void TheCommitteeReadsAndIsOfferedNoEditing()
    {
        using var culture = new CultureScope("zh-CN");
        DailyAuth.SignIn(this, "committee", Roles.CommitteeMember);

        var cut = Render<Home>();

        cut.WaitForAssertion(() => Assert.Equal("查询您管辖范围内的代表。", cut.Find("[data-testid=home-deputies-hint]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=todo]"));
    }

    [Fact]
    public void TheCommitteeListHeadsAPersonsNameAsName()
    {
        using var culture = new CultureScope("zh-CN");
        DailyAuth.SignIn(this, "committee", Roles.CommitteeMember);
        Render<MudPopoverProvider>();

        var cut = Render<CommitteeMembers>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("tbody tr.mud-table-row")), TimeSpan.FromSeconds(10));
        var headers = cut.FindAll("thead th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Contains("姓名", headers);
        Assert.DoesNotContain("名称", headers);
    }
}
