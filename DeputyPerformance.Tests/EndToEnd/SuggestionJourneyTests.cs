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
}
