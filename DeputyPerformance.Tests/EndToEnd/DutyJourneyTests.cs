using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeputyPerformance.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class DutyJourneyTests(AppServerFixture app)
{
    private static async Task<int> NumberAsync(ILocator card) =>
        int.Parse((await card.Locator("h3, h4").First.InnerTextAsync()).Split('/')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);

    [EndToEndFact]
    public async Task ADeputysApprovedLogRaisesHisScoreAndRank()
    {
        var deputy = await app.NewPageAsync();
        await deputy.SignInAsync("deputy");
        await deputy.GotoInteractiveAsync("/my/performance");
        await Expect(deputy.GetByTestId("my-score")).ToBeVisibleAsync();
        var scoreBefore = await NumberAsync(deputy.GetByTestId("my-score"));
        var rankBefore = await NumberAsync(deputy.GetByTestId("my-rank-county"));
        await deputy.ScreenshotAsync("09-my-performance-before");

        await deputy.GotoInteractiveAsync("/my/duties");
        await deputy.SelectMudAsync("duty-category", "进站接待选民 (+5)");
        await deputy.GetByTestId("duty-description").FillAsync("在兴田街道人大代表中心联络站接待选民");
        await deputy.GetByTestId("duty-submit").ClickAsync();
        await Expect(deputy.GetByTestId("my-duty-grid").Locator("tr", new LocatorLocatorOptions { HasText = "在兴田街道人大代表中心联络站接待选民" }))
            .ToContainTextAsync("待审核");
        await deputy.ScreenshotAsync("10-my-duties-pending");

        var clerk = await app.NewPageAsync();
        await clerk.SignInAsync("town.clerk");
        await clerk.GotoInteractiveAsync("/duties?status=Pending");
        var row = clerk.GetByTestId("duty-grid").Locator("tr", new LocatorLocatorOptions { HasText = "在兴田街道人大代表中心联络站接待选民" });
        await row.Locator("input[type=checkbox]").CheckAsync();
        await clerk.GetByTestId("duty-approve").ClickAsync();
        await clerk.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "批准" }).ClickAsync();
        await Expect(clerk.GetByTestId("grid-empty")).ToBeVisibleAsync();
        await clerk.ScreenshotAsync("11-clerk-approved");

        await deputy.GotoInteractiveAsync("/my/performance");
        await Expect(deputy.GetByTestId("my-score")).Not.ToContainTextAsync(scoreBefore.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var scoreAfter = await NumberAsync(deputy.GetByTestId("my-score"));
        var rankAfter = await NumberAsync(deputy.GetByTestId("my-rank-county"));
        await deputy.ScreenshotAsync("12-my-performance-after");

        Assert.Equal(scoreBefore + 5, scoreAfter);
        Assert.True(rankAfter < rankBefore, $"rank {rankBefore} -> {rankAfter}");
    }
}
