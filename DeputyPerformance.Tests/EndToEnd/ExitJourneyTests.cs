using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeputyPerformance.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class ExitJourneyTests(AppServerFixture app)
{
    /// <summary>
    /// A deputy has his page open; the county clerk opens an exit case on the exit board and records the committee's
    /// termination on the case page (the only steps offered are the domain's); the deputy's next click does not run
    /// and his page lands on the sign-in page.
    /// </summary>
    [EndToEndFact]
    public async Task ADeputyTerminatedByTheCommitteeLandsOnSignInAtHisNextClick()
    {
        // A deputy account of its own, so the other journeys keep the demo deputy.
        string number;
        await using (var db = TestDatabase.Open(app.DatabasePath))
        {
            await using var ctx = await db.Factory.CreateDbContextAsync();
            var deputy = await ctx.Deputies.AsNoTracking().Where(d => d.Status == Domain.Deputies.DeputyStatus.Active).OrderBy(d => d.Id).Skip(40).FirstAsync();
            number = deputy.DeputyNumber;
            await db.Get<AccountService>().CreateUserAsync(Caller.System, new NewUserInput
            {
                UserName = "exit.deputy", DisplayName = deputy.Name, Password = PageExtensions.DemoPassword, Role = Roles.Deputy, DeputyId = deputy.Id,
            });
        }

        var deputyPage = await app.NewPageAsync();
        await deputyPage.SignInAsync("exit.deputy");
        await deputyPage.GotoInteractiveAsync("/my/exit");
        await Expect(deputyPage.GetByTestId("my-exit-empty")).ToBeVisibleAsync();

        var clerk = await app.NewPageAsync();
        await clerk.SignInAsync("county.clerk");
        await clerk.GotoInteractiveAsync("/exits");
        await Expect(clerk.GetByTestId("flag-grid")).ToContainTextAsync("红线");
        await clerk.ScreenshotAsync("70-exit-board-flags");
        await clerk.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "退出案件" }).ClickAsync();
        await Expect(clerk.GetByTestId("open-by-hand")).ToBeVisibleAsync();
        await clerk.PickDeputyAsync(number);
        await clerk.SelectMudAsync("hand-ground", "被判处刑罚");
        await clerk.GetByTestId("open-by-hand").GetByLabel("理由").FillAsync("判决书已生效");
        await clerk.GetByTestId("open-by-hand").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "立案" }).ClickAsync();
        await clerk.WaitForURLAsync("**/exits/*");
        await Expect(clerk.GetByTestId("case-state")).ToHaveTextAsync("已提示");

        await clerk.SelectMudAsync("action-select", "终止代表资格");
        await clerk.GetByTestId("action-note").FillAsync("常委会公告 2021-3 号");
        await clerk.ScreenshotAsync("71-exit-case-terminate");
        await clerk.GetByTestId("action-apply").ClickAsync();
        await Expect(clerk.GetByTestId("case-state")).ToHaveTextAsync("已结案");
        await Expect(clerk.GetByTestId("case-outcome")).ToContainTextAsync("代表资格终止");
        await Expect(clerk.GetByTestId("case-mandate")).ToHaveTextAsync("代表资格终止");
        await Expect(clerk.GetByTestId("case-no-actions")).ToBeVisibleAsync();
        await clerk.ScreenshotAsync("72-exit-case-closed");

        await deputyPage.GetByTestId("language-menu").ClickAsync();

        await deputyPage.WaitForURLAsync("**/account/login**", new PageWaitForURLOptions { Timeout = 15_000 });
        await Expect(deputyPage.GetByTestId("login-submit")).ToBeVisibleAsync();
        await deputyPage.ScreenshotAsync("73-terminated-deputy-at-sign-in");

        await clerk.GetByTestId("case-announcement").ClickAsync();
        await Expect(clerk.GetByTestId("announcement")).ToContainTextAsync("代表资格终止");
        await clerk.ScreenshotAsync("74-exit-announcement");
    }

    /// <summary>
    /// The bell: a deputy's count goes up when the clerk starts the review of his case; he opens the notification, lands on
    /// the case page, files his defence with a PDF (a download link on the timeline); the committee's decision rings again.
    /// </summary>
    [EndToEndFact]
    public async Task TheDeputysBellCountsTheReviewAndTheDecisionAndOpensTheCaseWhereHeFilesHisDefenceWithADocument()
    {
        int caseId;
        await using (var db = TestDatabase.Open(app.DatabasePath))
        {
            await using var ctx = await db.Factory.CreateDbContextAsync();
            var deputy = await ctx.Deputies.AsNoTracking().Where(d => d.Status == Domain.Deputies.DeputyStatus.Active).OrderBy(d => d.Id).Skip(41).FirstAsync();
            await db.Get<AccountService>().CreateUserAsync(Caller.System, new NewUserInput
            {
                UserName = "bell.deputy", DisplayName = deputy.Name, Password = PageExtensions.DemoPassword, Role = Roles.Deputy, DeputyId = deputy.Id,
            });
            caseId = await db.Get<Domain.Exits.ExitCaseService>().OpenByHandAsync(Caller.System, deputy.Id, Domain.Exits.ExitGround.MovedAway, "迁出本县");
        }

        var deputyPage = await app.NewPageAsync();
        await deputyPage.SignInAsync("bell.deputy");
        await deputyPage.GotoInteractiveAsync("/my/exit");
        await Expect(deputyPage.GetByTestId("notification-count")).ToHaveTextAsync("0");

        var clerk = await app.NewPageAsync();
        await clerk.SignInAsync("county.clerk");
        await clerk.GotoInteractiveAsync($"/exits/{caseId}");
        await clerk.SelectMudAsync("action-select", "开始审查");
        await clerk.GetByTestId("action-apply").ClickAsync();
        await Expect(clerk.GetByTestId("case-state")).ToHaveTextAsync("审查中");

        await deputyPage.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "首页" }).ClickAsync();
        await Expect(deputyPage.GetByTestId("notification-count")).ToHaveTextAsync("1");
        await deputyPage.ScreenshotAsync("75-deputy-bell-count");
        await deputyPage.GetByTestId("notification-bell").ClickAsync();
        await Expect(deputyPage.GetByTestId("notification-text").First).ToContainTextAsync("已进入审查");
        await deputyPage.ScreenshotAsync("76-deputy-notifications");
        await deputyPage.GetByTestId("notification-open").First.ClickAsync();
        await deputyPage.WaitForURLAsync($"**/exits/{caseId}");
        await Expect(deputyPage.GetByTestId("notification-count")).ToHaveTextAsync("0");

        await deputyPage.GetByTestId("action-note").FillAsync("本人仍在本县居住，附租房合同。");
        await deputyPage.Locator("[data-testid='action-form'] input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "租房合同.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%lease\n"u8.ToArray(),
        });
        await Expect(deputyPage.GetByTestId("action-files-chosen")).ToContainTextAsync("租房合同.pdf");
        await deputyPage.GetByTestId("action-apply").ClickAsync();
        await Expect(deputyPage.GetByTestId("step-document")).ToHaveTextAsync("租房合同.pdf");
        await deputyPage.ScreenshotAsync("77-deputy-defence-with-document");

        await clerk.ReloadAsync();
        await clerk.WaitForInteractiveAsync();
        await Expect(clerk.GetByTestId("step-document")).ToHaveTextAsync("租房合同.pdf");
        await clerk.SelectMudAsync("action-select", "撤案");
        await clerk.GetByTestId("action-note").FillAsync("经核实仍在本县居住");
        await clerk.GetByTestId("action-apply").ClickAsync();
        await Expect(clerk.GetByTestId("case-state")).ToHaveTextAsync("已撤案");

        await deputyPage.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "首页" }).ClickAsync();
        await Expect(deputyPage.GetByTestId("notification-count")).ToHaveTextAsync("1");
        await deputyPage.GetByTestId("notification-bell").ClickAsync();
        await Expect(deputyPage.GetByTestId("notification-text").First).ToContainTextAsync("撤案");
        await deputyPage.ScreenshotAsync("78-deputy-decision-notification");
    }
}
