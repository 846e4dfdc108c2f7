using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeputyPerformance.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class RosterJourneyTests(AppServerFixture app)
{
    private const string Header = "term,deputy_number,name,level,town,electoral_district,delegation,station,gender,is_leader";

    private static FilePayload Csv(string name, params string[] rows) => new()
    {
        Name = name,
        MimeType = "text/csv",
        Buffer = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n")],
    };

    [EndToEndFact]
    public async Task ARosterWithOneBadRowShowsTheErrorListAndImportsNothing()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("county.clerk");
        await page.GotoInteractiveAsync("/roster/import");

        await page.GetByTestId("roster-file").SetInputFilesAsync(Csv("roster-bad.csv",
            "2016-2021,E2E01,导入代表甲,town,石马镇,石马镇第9选区,,,女,否",
            "2016-2021,E2E02,导入代表乙,mayor,石马镇,,,,男,否"));

        await Expect(page.GetByTestId("roster-errors")).ToContainTextAsync("mayor");
        await Expect(page.GetByTestId("roster-preview")).ToContainTextAsync("石马镇第9选区");
        await Expect(page.GetByTestId("roster-confirm")).ToBeDisabledAsync();
        await page.ScreenshotAsync("06-roster-errors");

        await page.GotoInteractiveAsync("/deputies");
        await page.GetByTestId("grid-search").FillAsync("E2E0");
        await page.GetByTestId("grid-search").PressAsync("Enter");
        await Expect(page.GetByTestId("grid-empty")).ToBeVisibleAsync();
    }

    [EndToEndFact]
    public async Task AGoodRosterIsPreviewedThenImported()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("county.clerk");
        await page.GotoInteractiveAsync("/roster/import");

        await page.GetByTestId("roster-file").SetInputFilesAsync(Csv("roster-good.csv",
            "2016-2021,E2E11,导入代表丙,county,新建镇,新建镇第1选区,新建镇代表团,新建镇中心联络站,男,是"));
        await Expect(page.GetByTestId("roster-preview")).ToContainTextAsync("新建镇");
        await page.ScreenshotAsync("07-roster-preview");
        await page.GetByTestId("roster-confirm").ClickAsync();

        await Expect(page.GetByTestId("roster-result")).ToBeVisibleAsync();
        await page.ScreenshotAsync("08-roster-imported");
        await page.GotoInteractiveAsync("/deputies");
        await page.GetByTestId("grid-search").FillAsync("E2E11");
        await page.GetByTestId("grid-search").PressAsync("Enter");
        await Expect(page.GetByTestId("deputy-grid")).ToContainTextAsync("新建镇代表团");
    }
}
