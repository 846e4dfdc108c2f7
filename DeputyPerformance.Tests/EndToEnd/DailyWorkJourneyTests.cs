using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeputyPerformance.Tests.EndToEnd;

/// <summary>A clerk's and a deputy's daily work through the browser at 1366x768: to-do, reject on one click, fix and resubmit.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class DailyWorkJourneyTests(AppServerFixture app)
{
    [EndToEndFact]
    public async Task AClerkRejectsWithOneClickAndTheDeputyFixesAndResubmits()
    {
        const string description = "在兴田街道联络站接待选民（待补充材料）";
        var deputy = await app.NewPageAsync(width: 1366, height: 768);
        await deputy.SignInAsync("deputy");
        await deputy.GotoInteractiveAsync("/my/duties");
        await deputy.SelectMudAsync("duty-category", "进站接待选民 (+5)");
        await deputy.GetByTestId("duty-description").FillAsync(description);
        await deputy.GetByTestId("duty-submit").ClickAsync();
        await Expect(deputy.GetByTestId("my-duty-grid")).ToContainTextAsync(description);
        // The form is fresh after a successful submission: no red message left behind.
        await Expect(deputy.Locator("[data-testid=duty-form] .mud-input-error")).ToHaveCountAsync(0);

        var clerk = await app.NewPageAsync(width: 1366, height: 768);
        await clerk.SignInAsync("town.clerk");
        await clerk.GotoInteractiveAsync("/");
        await Expect(clerk.GetByTestId("todo-logs")).ToBeVisibleAsync();
        await clerk.ScreenshotAsync("daily-01-clerk-home-todo");
        await clerk.GetByTestId("todo-logs").ClickAsync();
        await clerk.WaitForURLAsync("**/duties?status=Pending");
        var row = clerk.GetByTestId("duty-grid").Locator("tr", new LocatorLocatorOptions { HasText = description });
        await row.Locator("input[type=checkbox]").CheckAsync();
        await clerk.GetByTestId("duty-reject").ClickAsync();
        var reason = clerk.GetByTestId("reject-reason");
        await reason.ClickAsync();
        await reason.PressSequentiallyAsync("请补充接待记录照片");
        // Still typing, the field has the focus: the confirm button must already be enabled, so one click does it.
        var confirm = clerk.GetByTestId("reject-confirm");
        await Expect(confirm).ToBeEnabledAsync(new LocatorAssertionsToBeEnabledOptions { Timeout = 5_000 });
        await clerk.ScreenshotAsync("daily-02-reject-dialog");
        await confirm.ClickAsync(new LocatorClickOptions { Timeout = 5_000 });
        await Expect(clerk.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(row).ToHaveCountAsync(0);
        await clerk.ScreenshotAsync("daily-03-rejected");

        await deputy.GotoInteractiveAsync("/my/duties");
        var mine = deputy.GetByTestId("my-duty-grid").Locator("tr", new LocatorLocatorOptions { HasText = description });
        await Expect(mine).ToContainTextAsync("请补充接待记录照片");
        await deputy.ScreenshotAsync("daily-04-deputy-rejected");
        await mine.GetByTestId("my-edit").ClickAsync();
        // The form is filled from the log by the server: type only once it shows the log, as a person would.
        await Expect(deputy.GetByTestId("duty-description")).ToHaveValueAsync(description);
        await deputy.GetByTestId("duty-description").FillAsync(description + "，已补充");
        await deputy.GetByTestId("duty-submit").ClickAsync();
        var fixedRow = deputy.GetByTestId("my-duty-grid").Locator("tr", new LocatorLocatorOptions { HasText = description + "，已补充" });
        await Expect(fixedRow).ToContainTextAsync("待审核");
        await deputy.ScreenshotAsync("daily-05-deputy-resubmitted");
    }

    [EndToEndFact]
    public async Task TheDeputyPrintsHisScoreSheetWithHisNameAndNumber()
    {
        var deputy = await app.NewPageAsync(width: 1366, height: 768);
        await deputy.SignInAsync("deputy");
        await deputy.GotoInteractiveAsync("/my/performance");
        await Expect(deputy.GetByTestId("my-score")).ToBeVisibleAsync();
        await Expect(deputy.GetByTestId("current-user")).ToContainTextAsync("C001");

        await deputy.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        await Expect(deputy.GetByTestId("print-heading")).ToBeVisibleAsync();
        await Expect(deputy.GetByTestId("print-heading")).ToContainTextAsync("C001");
        await Expect(deputy.GetByTestId("year-select")).ToBeHiddenAsync();
        // The drawer's margin animates after the media switch: wait for the layout to settle before measuring.
        const string leftOfPage = "() => document.querySelector('.mud-main-content .mud-container').getBoundingClientRect().left";
        try
        {
            await deputy.WaitForFunctionAsync(leftOfPage + " < 40", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            // Measured below: the assertion names the offset that stayed.
        }
        var left = await deputy.EvaluateAsync<double>(leftOfPage);
        Assert.True(left < 40, $"the printed page starts {left} px from the left");
        await deputy.ScreenshotAsync("daily-06-my-performance-print");
    }
}
