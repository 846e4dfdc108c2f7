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
    /// Clicks until what the click does has happened (<paramref name="happened"/> waits for it and throws a
    /// TimeoutException when it did not), at most three times. A click can be lost: a grid that reloads replaces its row
    /// elements, a dialog provider replaces its buttons, and a click landing meanwhile hits a removed element; a person
    /// clicks again. It is repeated only when the effect did not show, and the pages disable a button while they work and
    /// the domain refuses a second start of the same procedure, so a step is never done twice.
    /// <paramref name="prepare"/> runs before every click (e.g. opening the menu the button lives in, if it closed).
    /// </summary>
    public static async Task ClickUntilAsync(this ILocator button, Func<Task> happened, Func<Task>? prepare = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (prepare is not null) await prepare();
            try
            {
                await button.ClickAsync(new LocatorClickOptions { Timeout = 10_000 });
            }
            catch (TimeoutException) when (attempt > 1)
            {
                // The button left (the effect came late) or stayed busy while the repeated click waited for it.
            }

            try
            {
                await happened();
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Clicks a button in a server-loaded grid row until what it opens shows.</summary>
    public static Task ClickRowButtonAsync(this ILocator button, ILocator opens) =>
        button.ClickUntilAsync(() => opens.WaitForAsync(new LocatorWaitForOptions { Timeout = 5000 }));

    /// <summary>Clicks a dialog's confirm button until the dialog closes.</summary>
    public static Task ConfirmDialogAsync(this ILocator confirm) =>
        confirm.ClickUntilAsync(() => confirm.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = 5000 }));

    /// <summary>Clicks a button that navigates until the address matches.</summary>
    public static Task ClickUntilUrlAsync(this ILocator button, IPage page, string urlGlob) =>
        button.ClickUntilAsync(() => page.WaitForURLAsync(urlGlob, new PageWaitForURLOptions { Timeout = 8000 }));

    /// <summary>Chooses an item of a MudSelect: open it by its test id, then click the item's text in the popover.</summary>
    public static async Task SelectMudAsync(this IPage page, string testId, string itemText)
    {
        // MudSelect puts the test id on its inner input; the click that opens it goes to the select around it.
        await page.Locator($".mud-select:has([data-testid='{testId}'])").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(itemText, new LocatorGetByTextOptions { Exact = true }).First.ClickAsync();
    }
}
