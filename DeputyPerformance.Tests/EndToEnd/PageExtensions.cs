using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeputyPerformance.Tests.EndToEnd;

public static class PageExtensions
{
    public const string DemoPassword = "Demo!2026pw";

    /// <summary>Signs in through the real form and waits until the interactive circuit is up.</summary>
    public static async Task SignInAsync(this IPage page, string userName, string password = DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.GetByTestId("login-user").FillAsync(userName);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Clicks before the SignalR circuit is attached are lost: wait for the layout's marker.</summary>
    public static async Task WaitForInteractiveAsync(this IPage page) =>
        await page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public static async Task GotoInteractiveAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForInteractiveAsync();
    }

    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = EndToEndPaths.ScreenshotPath(name), FullPage = true });

    /// <summary>
    /// Finds a deputy in the autocomplete picker: types like a person (key by key) and, should the suggestion list
    /// not open on a busy machine, types again.
    /// </summary>
    public static async Task PickDeputyAsync(this IPage page, string search)
    {
        var input = page.GetByTestId("deputy-picker");
        // Only an item that shows the typed text: the list of a partly typed text ("C00") may still be open.
        var suggestions = page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = search });
        for (var attempt = 1; ; attempt++)
        {
            await input.ClickAsync();
            await input.FillAsync("");
            await input.PressSequentiallyAsync(search, new LocatorPressSequentiallyOptions { Delay = 60 });
            try
            {
                await suggestions.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 6000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                // The debounced search did not answer in time: try once more.
            }
        }

        await suggestions.First.ClickAsync();
        await Expect(input).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(search)));
    }

    /// <summary>
    /// Clicks a button in a server-loaded grid row until what it opens shows. A grid that reloads replaces its row
    /// elements, so a click landing while a reload's rows arrive hits a removed element; a person clicks again.
    /// </summary>
    public static async Task ClickRowButtonAsync(this ILocator button, ILocator opens)
    {
        for (var attempt = 1; ; attempt++)
        {
            await button.ClickAsync();
            try
            {
                await opens.WaitForAsync(new LocatorWaitForOptions { Timeout = 5000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>
    /// Clicks a dialog's confirm button until the dialog closes. A click can land on a button the dialog provider is
    /// just replacing and be lost; it is repeated only while the button is still there and enabled, i.e. while the
    /// page has not started the step (it disables the button while it works), so a step is never sent twice.
    /// </summary>
    public static async Task ConfirmDialogAsync(this ILocator confirm)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await confirm.ClickAsync(new LocatorClickOptions { Timeout = 10_000 });
            }
            catch (TimeoutException) when (attempt > 1)
            {
                // The dialog closed (or stayed busy) while the repeated click waited for it.
            }

            try
            {
                await confirm.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = 5000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>
    /// Clicks a button that navigates until the address matches. A click lost on a dialog being re-rendered is repeated
    /// only while the button is still there; the page disables it while it works, and the domain refuses a second
    /// start of the same procedure, so a repeated click never does the work twice.
    /// </summary>
    public static async Task ClickUntilUrlAsync(this ILocator button, IPage page, string urlGlob)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await button.ClickAsync(new LocatorClickOptions { Timeout = 10_000 });
            }
            catch (TimeoutException) when (attempt > 1)
            {
                // The page left (or stayed busy) while the repeated click waited for the button.
            }

            try
            {
                await page.WaitForURLAsync(urlGlob, new PageWaitForURLOptions { Timeout = 8000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Chooses an item of a MudSelect: open it by its test id, then click the item's text in the popover.</summary>
    public static async Task SelectMudAsync(this IPage page, string testId, string itemText)
    {
        // MudSelect puts the test id on its inner input; the click that opens it goes to the select around it.
        await page.Locator($".mud-select:has([data-testid='{testId}'])").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(itemText, new LocatorGetByTextOptions { Exact = true }).First.ClickAsync();
    }
}
