using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeputyPerformance.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class VoteJourneyTests(AppServerFixture app)
{
    /// <summary>Plans a report for the deputy found by the search text, records its session and opens a new vote of the given kind.</summary>
    internal static async Task CreateVoteAsync(IPage page, string deputySearch, string modeTestId)
    {
        await page.GotoInteractiveAsync("/reports");
        await page.GetByTestId("report-plan").ClickAsync();
        await page.PickDeputyAsync(deputySearch);
        await page.GetByTestId("plan-save").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        // The year's list pages by planned date: find the new plan by the deputy, as a clerk would.
        await page.GetByTestId("report-search").FillAsync(deputySearch);
        // Leaving the search field reloads the grid once more: let it settle, or the click lands on a row being replaced.
        await page.GetByTestId("page-title").ClickAsync();
        await Expect(page.GetByTestId("report-grid").Locator(".mud-table-loading")).ToHaveCountAsync(0);
        var row = page.GetByTestId("report-grid").Locator("tr", new LocatorLocatorOptions { HasText = deputySearch });
        await Expect(page.GetByTestId("report-grid").Locator("tbody tr", new LocatorLocatorOptions { HasNotText = deputySearch })).ToHaveCountAsync(0);
        await row.GetByTestId("report-record").ClickRowButtonAsync(page.GetByTestId("session-attendance"));
        await page.GetByTestId("session-attendance").FillAsync("62");
        await page.GetByTestId("session-save").ClickAsync();
        // The mode is an item of the row's menu; a click lost while the grid re-renders is repeated, menu opened again if
        // it closed (a second start of the vote would be refused by the domain, never held twice).
        await page.GetByTestId(modeTestId).ClickUntilAsync(
            () => page.WaitForURLAsync("**/votes/*", new PageWaitForURLOptions { Timeout = 8000 }),
            prepare: async () =>
            {
                if (!await page.GetByTestId(modeTestId).IsVisibleAsync() && !page.Url.Contains("/votes/", StringComparison.Ordinal))
                {
                    await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "满意度测评" }).ClickRowButtonAsync(page.GetByTestId(modeTestId));
                }
            });

        await page.WaitForInteractiveAsync();
    }

    [EndToEndFact]
    public async Task ClerkRunsAnElectronicVoteAndAVoterVotesFromTheLink()
    {
        var clerk = await app.NewPageAsync();
        await clerk.SignInAsync("town.clerk");
        await CreateVoteAsync(clerk, "C001", "vote-electronic");

        await clerk.GetByTestId("token-number").FillAsync("3");
        await clerk.GetByTestId("token-generate").ClickAsync();
        await Expect(clerk.GetByTestId("vote-code")).ToHaveCountAsync(3);
        await clerk.GetByTestId("vote-open").ClickAsync();
        await Expect(clerk.GetByTestId("vote-status")).ToHaveTextAsync("进行中");
        await clerk.ScreenshotAsync("13-vote-slips");
        var code = (await clerk.GetByTestId("vote-code").First.InnerTextAsync()).Trim();

        var voter = await app.NewPageAsync(390, 844);
        await voter.GotoAsync($"/v/{code}");
        await voter.GetByTestId("option-Satisfied").CheckAsync();
        await voter.ScreenshotAsync("14-voter-phone");
        await voter.GetByTestId("cast-submit").ClickAsync();
        await Expect(voter.GetByTestId("cast-result")).ToContainTextAsync("已记录");
        await voter.GotoAsync($"/v/{code}");
        await Expect(voter.GetByTestId("cast-result")).ToContainTextAsync("此测评码已使用过");
        await voter.ScreenshotAsync("15-voter-code-used");

        await clerk.ReloadAsync();
        await clerk.WaitForInteractiveAsync();
        await Expect(clerk.GetByTestId("vote-result")).ToHaveCountAsync(0);
        await clerk.GetByTestId("vote-close").ClickAsync();
        await clerk.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "结束测评" }).ClickAsync();
        await Expect(clerk.GetByTestId("vote-rate")).ToHaveTextAsync("100.00%");
        await Expect(clerk.GetByTestId("vote-closes-at")).ToHaveCountAsync(0);

        // The clerk who opened the vote cannot confirm it alone: a second person does.
        await clerk.GetByTestId("vote-confirm").ClickAsync();
        await clerk.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "确认结果" }).ClickAsync();
        await Expect(clerk.GetByTestId("error-notice")).ToContainTextAsync("另一名工作人员确认");
        var second = await app.NewPageAsync();
        await second.SignInAsync("county.clerk");
        await second.GotoInteractiveAsync(new Uri(clerk.Url).PathAndQuery);
        await second.GetByTestId("vote-confirm").ClickAsync();
        await second.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "确认结果" }).ClickAsync();
        await Expect(second.GetByTestId("vote-status")).ToHaveTextAsync("已确认");
        await Expect(second.GetByTestId("vote-band")).ToContainTextAsync("称职");
        await second.ScreenshotAsync("16-vote-confirmed");
    }

    [EndToEndFact]
    public async Task APaperSecondEntryThatDiffersIsShownToTheClerk()
    {
        var clerk = await app.NewPageAsync();
        await clerk.SignInAsync("town.clerk");
        await CreateVoteAsync(clerk, "C002", "vote-paper");
        var voteUrl = clerk.Url;
        await EnterBoxAsync(clerk, round: "第一次录入", satisfied: "40");

        var second = await app.NewPageAsync();
        await second.SignInAsync("county.clerk");
        await second.GotoInteractiveAsync(new Uri(voteUrl).PathAndQuery);
        await EnterBoxAsync(second, round: "第二次录入", satisfied: "39");

        await Expect(second.GetByTestId("vote-differences")).ToContainTextAsync("第一次录入 40，第二次录入 39");
        await second.GetByTestId("vote-confirm").ClickAsync();
        await second.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "确认结果" }).ClickAsync();
        await Expect(second.GetByTestId("error-notice")).ToContainTextAsync("两次录入不一致");
        await Expect(second.GetByTestId("vote-status")).ToHaveTextAsync("进行中");
        await Expect(second.GetByTestId("vote-result")).ToHaveCountAsync(0);
        await second.ScreenshotAsync("17-paper-double-entry-mismatch");

        // The second clerk corrects his entry; the result is confirmed, then corrected with a reason typed in one go.
        await EnterBoxAsync(second, round: "第二次录入", satisfied: "40");
        await Expect(second.GetByTestId("vote-differences")).ToHaveCountAsync(0);
        await second.GetByTestId("vote-confirm").ClickAsync();
        await second.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "确认结果" }).ClickAsync();
        await Expect(second.GetByTestId("vote-status")).ToHaveTextAsync("已确认");
        await second.GetByTestId("vote-correct").ClickAsync();
        var dialog = second.Locator(".mud-dialog");
        await Expect(dialog.Locator("input").First).ToHaveValueAsync("60");
        await second.GetByTestId("correct-reason").FillAsync("第1号票箱复核");
        // The reason counts as typed at once (Immediate): the save button is enabled without leaving the field first.
        await Expect(second.GetByTestId("correct-save")).ToBeEnabledAsync();
        await second.GetByTestId("correct-save").ClickAsync();
        await Expect(second.GetByTestId("vote-corrections")).ToContainTextAsync("第1号票箱复核");
        await second.ScreenshotAsync("18-vote-corrected");
    }

    private static async Task EnterBoxAsync(IPage page, string round, string satisfied)
    {
        await page.SelectMudAsync("box-round", round);
        await page.GetByTestId("box-name").FillAsync("1");
        await page.GetByTestId("box-issued").FillAsync("60");
        await page.GetByTestId("box-returned").FillAsync("60");
        await page.GetByTestId("box-invalid").FillAsync("0");
        await page.GetByTestId("box-satisfied").FillAsync(satisfied);
        await page.GetByTestId("box-basic").FillAsync((55 - int.Parse(satisfied, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("box-dissatisfied").FillAsync("5");
        await page.GetByTestId("box-save").ClickAsync();
        await Expect(page.GetByTestId("box-table")).ToContainTextAsync(satisfied);
    }
}
