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
}
