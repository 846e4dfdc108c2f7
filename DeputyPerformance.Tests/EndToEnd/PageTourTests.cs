using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeputyPerformance.Tests.EndToEnd;

/// <summary>Every page opens for the administrator without the error bar, with data from the demo county.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PageTourTests(AppServerFixture app)
{
    private static readonly (string Url, string Name, bool HasGrid)[] Pages =
    [
        ("/", "home", false),
        ("/deputies", "deputies", true),
        ("/terms", "terms", true),
        ("/towns", "towns", true),
        ("/districts", "districts", true),
        ("/delegations", "delegations", true),
        ("/stations", "stations", true),
        ("/departments", "departments", true),
        ("/committee", "committee", true),
        ("/admin/users", "users", true),
        ("/admin/audit", "audit", true),
        ("/account/change-password", "change-password", false),
        ("/duties", "duties", true),
        ("/duties/new", "duty-new", false),
        ("/duties/import", "duty-import", false),
        ("/scores", "scores", true),
        ("/scores/shortlist", "shortlist", true),
        ("/admin/rules", "rules", true),
        ("/roster/import", "roster-import", false),
        ("/reports", "reports", false),
        ("/reports/coverage", "coverage", true),
        ("/admin/satisfaction-rules", "satisfaction-rules", false),
        ("/duties/print?year=2021", "duty-print", false),
        ("/reports/coverage/print", "coverage-print", false),
    ];

    private static readonly string[] DeputyPages = ["/", "/my/performance", "/my/duties", "/my/reports", "/me"];

    [EndToEndFact]
    public async Task AdministratorOpensEveryPageWithoutAnError()
    {
        // The size of the clerks' office screens.
        var page = await app.NewPageAsync(width: 1366, height: 768);
        await page.SignInAsync("admin");
        var wide = new List<string>();
        var overflows = new List<string>();
        foreach (var (url, name, hasGrid) in Pages)
        {
            await page.GotoInteractiveAsync(url);
            if (hasGrid)
            {
                // The demo county fills every list: a grid shows rows, not its empty state.
                await Expect(page.Locator(".mud-table-body tr").First).ToBeVisibleAsync();
                await Expect(page.GetByTestId("grid-empty")).ToHaveCountAsync(0);
                // Every column fits the office screen: no list needs sideways scrolling beside the menu.
                var overflow = await page.EvaluateAsync<int>(
                    "() => Math.max(...[...document.querySelectorAll('.mud-table-container')].map(c => c.scrollWidth - c.clientWidth))");
                var columns = await page.EvaluateAsync<string>(
                    "() => [...document.querySelectorAll('.mud-table-head th')].map(th => th.innerText.trim() + '=' + th.offsetWidth).join(', ')");
                overflows.Add($"{url}: {overflow} ({columns})");
                if (overflow > 1) wide.Add($"{url} scrolls {overflow} px sideways");
            }

            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            await page.ScreenshotAsync($"tour-{name}");
        }

        File.WriteAllLines(EndToEndPaths.ScreenshotPath("tour-overflow").Replace(".png", ".txt"), overflows);
        Assert.Empty(wide);

        // The audit trail's user filter narrows the grid as the administrator types the start of a name.
        await page.GotoInteractiveAsync("/admin/audit");
        var userCells = page.GetByTestId("audit-grid").Locator(".mud-table-body tr td:nth-child(3)");
        await Expect(userCells.Filter(new LocatorFilterOptions { HasNotTextRegex = new System.Text.RegularExpressions.Regex("^system") }).First).ToBeVisibleAsync();
        await page.GetByTestId("audit-user").FillAsync("sys");
        await Expect(userCells.Filter(new LocatorFilterOptions { HasNotTextRegex = new System.Text.RegularExpressions.Regex("^system") })).ToHaveCountAsync(0);
        await Expect(userCells.First).ToHaveTextAsync("system");
        await page.ScreenshotAsync("tour-audit-by-user");

        // A deputy's one-page score sheet, reached from the ranking board.
        await page.GotoInteractiveAsync("/scores");
        await page.GetByTestId("score-sheet-link").First.ClickAsync();
        await Expect(page.GetByTestId("score-sheet")).ToBeVisibleAsync();
        await page.ScreenshotAsync("tour-score-sheet");

        await page.GetByTestId("logout").ClickAsync();
        await page.WaitForURLAsync("**/account/login**");
        await page.GotoAsync("/deputies");
        await Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync();
    }

    [EndToEndFact]
    public async Task DeputyOpensHisPagesAtTheOfficeScreenSize()
    {
        var page = await app.NewPageAsync(width: 1366, height: 768);
        await page.SignInAsync("deputy");
        foreach (var url in DeputyPages)
        {
            await page.GotoInteractiveAsync(url);
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            await page.ScreenshotAsync("tour-deputy" + (url == "/" ? "-home" : url.Replace('/', '-')));
        }
    }

    [EndToEndFact]
    public async Task DeputySeesOnlyHisOwnRecordAndIsRefusedTheList()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        await page.SignInAsync("deputy");
        await page.GotoInteractiveAsync("/me");
        await Expect(page.GetByTestId("my-record")).ToContainTextAsync("C001");
        await page.ScreenshotAsync("tour-deputy-my-record-phone");

        await page.GotoInteractiveAsync("/my/reports");
        await Expect(page.GetByTestId("page-title")).ToBeVisibleAsync();
        await page.ScreenshotAsync("tour-deputy-my-reports-phone");

        await page.GotoAsync("/deputies");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
    }
}
