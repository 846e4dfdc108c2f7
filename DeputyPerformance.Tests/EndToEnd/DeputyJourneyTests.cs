using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeputyPerformance.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class DeputyJourneyTests(AppServerFixture app)
{
    [EndToEndFact]
    public async Task TownClerkAddsDeputyAndSeesHimInTheList()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("town.clerk");
        await page.ScreenshotAsync("01-home-town-clerk");

        await page.GotoInteractiveAsync("/deputies/new");
        await page.GetByTestId("field-number").FillAsync("T0199");
        await page.GetByTestId("field-name").FillAsync("测试代表");
        await page.ScreenshotAsync("02-deputy-form");
        await page.GetByTestId("deputy-save").ClickAsync();

        await page.WaitForURLAsync("**/deputies");
        await page.GetByTestId("grid-search").FillAsync("测试代表");
        await page.GetByTestId("grid-search").PressAsync("Enter");
        await Expect(page.GetByTestId("deputy-grid")).ToContainTextAsync("T0199");
        await page.ScreenshotAsync("03-deputy-list");
    }

    [EndToEndFact]
    public async Task FormShowsChineseValidationMessagesForAnEmptyDeputy()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("town.clerk");
        await page.GotoInteractiveAsync("/deputies/new");
        await page.GetByTestId("deputy-save").ClickAsync();

        await Expect(page.GetByTestId("deputy-form")).ToContainTextAsync("请输入代表编号");
        await page.ScreenshotAsync("04-deputy-form-errors");
    }

    [EndToEndFact]
    public async Task LanguageSwitchTurnsTheUiToEnglishAndIsRemembered()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("county.clerk");
        await page.GotoInteractiveAsync("/deputies");
        await Expect(page.GetByTestId("page-title")).ToHaveTextAsync("代表名册");

        await page.GetByTestId("language-menu").ClickAsync();
        await page.GetByTestId("language-en").ClickAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("page-title")).ToHaveTextAsync("Deputies");

        await page.GotoInteractiveAsync("/towns");
        await Expect(page.GetByTestId("page-title")).ToHaveTextAsync("Towns and sub-districts");
        await page.ScreenshotAsync("05-english-towns");
    }
}
