using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Suggestions;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeputyPerformance.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class SuggestionJourneyTests(AppServerFixture app)
{
    private const string Department = "交通运输局";

    /// <summary>Opens a step of the suggestion page, lets <paramref name="fill"/> fill its dialog, confirms and waits for the dialog to close.</summary>
    private static async Task StepAsync(IPage page, string action, Func<ILocator, Task>? fill = null)
    {
        await page.GetByTestId($"action-{action}").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        if (fill is not null) await fill(dialog);
        await page.GetByTestId("step-confirm").ConfirmDialogAsync();
        await Expect(page.GetByTestId("step-confirm")).ToHaveCountAsync(0);
    }

    private static async Task<int> DepartmentCountAsync(IPage page)
    {
        await page.GotoInteractiveAsync("/suggestions/statistics");
        await Expect(page.GetByTestId("page-title")).ToBeVisibleAsync();
        var row = page.GetByTestId("statistics-row").Filter(new LocatorFilterOptions { HasText = Department });
        return await row.CountAsync() == 0 ? 0 : int.Parse(await row.GetByTestId("statistics-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ReplyAsync(IPage handler, string url, string category, string text)
    {
        await handler.GotoInteractiveAsync(url);
        await StepAsync(handler, "Reply", async dialog =>
        {
            await dialog.GetByText(category).ClickAsync();
            await handler.GetByTestId("step-text").FillAsync(text);
            await handler.GetByTestId("step-contact").FillAsync("走访座谈");
        });
        await Expect(handler.GetByTestId("suggestion-status")).ToHaveTextAsync("已答复");
    }

    private static async Task RateAsync(IPage deputy, string url, string rating, string expectedStatus)
    {
        await deputy.GotoInteractiveAsync(url);
        await StepAsync(deputy, "Rate", dialog => dialog.GetByText(rating, new LocatorGetByTextOptions { Exact = true }).ClickAsync());
        await Expect(deputy.GetByTestId("suggestion-status")).ToHaveTextAsync(expectedStatus);
    }

    [EndToEndFact]
    public async Task ADeputysSuggestionIsAcceptedAssignedRepliedRatedDissatisfiedRepliedAgainAndRatedSatisfied()
    {
        var title = $"关于整修集镇道路的建议 {Guid.NewGuid():N}"[..20];
        var clerk = await app.NewPageAsync();
        await clerk.SignInAsync("county.clerk");
        var countBefore = await DepartmentCountAsync(clerk);

        // The deputy submits his suggestion.
        var deputy = await app.NewPageAsync();
        await deputy.SignInAsync("deputy");
        await deputy.GotoInteractiveAsync("/my/suggestions");
        await deputy.GetByTestId("suggestion-new").ClickAsync();
        await deputy.WaitForURLAsync("**/suggestions/new");
        await deputy.WaitForInteractiveAsync();
        await deputy.GetByTestId("suggestion-title").FillAsync(title);
        await deputy.GetByTestId("suggestion-content").FillAsync("集镇主干道路面破损严重，雨天积水，建议尽快整修。");
        await deputy.GetByTestId("suggestion-field").FillAsync("交通");
        await deputy.ScreenshotAsync("60-suggestion-new");
        await deputy.GetByTestId("suggestion-submit").ClickAsync();
        await deputy.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/suggestions/\d+$"));
        await Expect(deputy.GetByTestId("suggestion-status")).ToHaveTextAsync("已提出");
        var url = new Uri(deputy.Url).PathAndQuery;

        // The office accepts it and assigns it to the transport bureau.
        await clerk.GotoInteractiveAsync("/suggestions");
        await clerk.GetByTestId("suggestions-grid").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = title }).ClickAsync();
        await clerk.WaitForURLAsync("**" + url);
        await clerk.WaitForInteractiveAsync();
        await StepAsync(clerk, "Accept");
        await Expect(clerk.GetByTestId("suggestion-status")).ToHaveTextAsync("已立案");
        await StepAsync(clerk, "Assign", _ => clerk.SelectMudAsync("step-department", Department));
        await Expect(clerk.GetByTestId("suggestion-status")).ToHaveTextAsync("办理中");
        await Expect(clerk.GetByTestId("suggestion-department")).ToHaveTextAsync(Department);
        await clerk.ScreenshotAsync("61-suggestion-assigned");

        // The department's handler finds it in his inbox and replies B.
        var handler = await app.NewPageAsync();
        await handler.SignInAsync("dept.handler");
        await handler.GotoInteractiveAsync("/suggestions/inbox");
        await Expect(handler.GetByTestId("suggestions-grid").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = title })).ToBeVisibleAsync();
        await handler.ScreenshotAsync("62-suggestion-inbox");
        await ReplyAsync(handler, url, "B 类 · 正在解决", "已列入今年道路整修计划，预计年底完工。");

        // The deputy is not satisfied: the department handles it again.
        await RateAsync(deputy, url, "不满意", "办理中");
        await Expect(deputy.GetByTestId("suggestion-due")).ToContainTextAsync("不满意后重新办理");
        await deputy.ScreenshotAsync("63-suggestion-dissatisfied");

        await ReplyAsync(handler, url, "A 类 · 已解决", "道路已整修完毕，排水沟已疏通。");
        await RateAsync(deputy, url, "满意", "已评价");
        await Expect(deputy.GetByTestId("reply-rating")).ToHaveCountAsync(2);
        await deputy.ScreenshotAsync("64-suggestion-satisfied");

        // The department's figures count it.
        Assert.Equal(countBefore + 1, await DepartmentCountAsync(clerk));
        var row = clerk.GetByTestId("statistics-row").Filter(new LocatorFilterOptions { HasText = Department });
        await Expect(row.GetByTestId("statistics-satisfaction")).Not.ToHaveTextAsync("—");
        await clerk.ScreenshotAsync("65-suggestion-statistics");
        await clerk.GotoInteractiveAsync(url + "/print");
        await Expect(clerk.GetByTestId("sheet-reply")).ToHaveCountAsync(2);
        await clerk.ScreenshotAsync("66-suggestion-print");
    }

    /// <summary>
    /// A replied suggestion becomes a key suggestion: the office picks the vice-chairman and writes the plan, the
    /// vice-chairman finds it under "my key suggestions" and logs a visit, the office publishes the reply (every signed-in
    /// user finds it on the public list) and holds the satisfaction vote on the shared vote page.
    /// </summary>
    [EndToEndFact]
    public async Task AKeySuggestionIsSupervisedByItsViceChairmanItsReplyPublishedAndItsVoteHeld()
    {
        var title = $"关于改造农贸市场的建议 {Guid.NewGuid():N}"[..20];
        int id;
        string supervisor;
        await using (var db = TestDatabase.Open(app.DatabasePath))
        {
            await using var ctx = await db.Factory.CreateDbContextAsync();
            var deputy = await ctx.Deputies.AsNoTracking().Where(d => d.Status == Domain.Deputies.DeputyStatus.Active).OrderBy(d => d.Id).Skip(30).FirstAsync();
            var department = await ctx.GovernmentDepartments.AsNoTracking().Where(d => d.Name == Department).Select(d => d.Id).FirstAsync();
            supervisor = await ctx.CommitteeMembers.AsNoTracking().Where(m => m.UserName == "committee").Select(m => m.Name).FirstAsync();
            var service = db.Get<SuggestionService>();
            id = await service.SubmitAsync(Caller.System, new SuggestionInput { DeputyId = deputy.Id, Title = title, Content = "农贸市场设施老化，雨天积水。" });
            await service.AcceptAsync(Caller.System, id);
            await service.AssignAsync(Caller.System, id, department, []);
            await service.ReplyAsync(new Caller("dept.handler", Roles.DepartmentHandler, DepartmentId: department), id,
                new ReplyInput { Category = ReplyCategory.B, Text = "已纳入明年市场改造计划。", ContactMethod = "走访" });
        }

        var url = $"/suggestions/{id}";
        var clerk = await app.NewPageAsync();
        await clerk.SignInAsync("county.clerk");
        await clerk.GotoInteractiveAsync(url);
        await StepAsync(clerk, "MakeKey", _ => clerk.SelectMudAsync("key-supervisor", supervisor));
        await Expect(clerk.GetByTestId("key-supervisor-name")).ToHaveTextAsync(supervisor);
        // The demo term ends before this year: the deputies concerned vote (the committee of a later term is not in the demo).
        await StepAsync(clerk, "PlanSupervision", async dialog =>
        {
            await clerk.GetByTestId("step-text").FillAsync("副主任牵头，实地察看并召开座谈会，年底由提出建议的代表测评。");
            await dialog.GetByText("提出建议的代表", new LocatorGetByTextOptions { Exact = true }).ClickAsync();
        });
        await Expect(clerk.GetByTestId("key-plan")).ToContainTextAsync("实地察看");

        // The vice-chairman (the demo committee account) finds it among his key suggestions and logs a visit.
        var viceChairman = await app.NewPageAsync();
        await viceChairman.SignInAsync("committee");
        await viceChairman.GotoInteractiveAsync("/my/key-suggestions");
        await viceChairman.GetByTestId("suggestions-grid").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = title }).ClickAsync();
        await viceChairman.WaitForURLAsync("**" + url);
        await viceChairman.WaitForInteractiveAsync();
        await Expect(viceChairman.GetByTestId("action-HoldKeyVote")).ToHaveCountAsync(0);
        await StepAsync(viceChairman, "LogVisit", async _ =>
        {
            await viceChairman.GetByTestId("visit-participants").FillAsync(supervisor + "、市场监管局负责人");
            await viceChairman.GetByTestId("step-text").FillAsync("察看市场现场，要求年内完成排水改造。");
        });
        await Expect(viceChairman.GetByTestId("key-visit")).ToHaveCountAsync(1);
        await viceChairman.ScreenshotAsync("67-key-suggestion");

        // The office publishes the reply; a deputy finds it on the public list.
        await clerk.GotoInteractiveAsync(url);
        await StepAsync(clerk, "PublishReply");
        await Expect(clerk.GetByTestId("reply-published")).ToBeVisibleAsync();
        var deputyPage = await app.NewPageAsync();
        await deputyPage.SignInAsync("deputy");
        await deputyPage.GotoInteractiveAsync("/suggestions/published");
        await deputyPage.GetByTestId("published-search").FillAsync(title);
        await deputyPage.GetByTestId("published-search").PressAsync("Enter");
        await Expect(deputyPage.GetByTestId("published-row")).ToHaveCountAsync(1);
        await Expect(deputyPage.GetByTestId("published-title")).ToHaveTextAsync(title);
        await Expect(deputyPage.GetByTestId("published-reply")).ToContainTextAsync("明年市场改造计划");
        await deputyPage.ScreenshotAsync("68-published-replies");

        // The satisfaction vote is held on the shared vote page.
        await StepAsync(clerk, "HoldKeyVote", _ => Task.CompletedTask);
        await clerk.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/votes/\d+$"));
        await clerk.WaitForInteractiveAsync();
        await Expect(clerk.GetByTestId("vote-status")).ToBeVisibleAsync();
        await clerk.ScreenshotAsync("69-key-suggestion-vote");
        await clerk.GotoInteractiveAsync(url);
        await Expect(clerk.GetByTestId("key-vote")).ToContainTextAsync("测评进行中");
    }
}
