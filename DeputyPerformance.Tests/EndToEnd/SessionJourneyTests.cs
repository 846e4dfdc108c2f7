using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DeputyPerformance.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class SessionJourneyTests(AppServerFixture app)
{
    /// <summary>
    /// A committee member has a page open; the administrator disables his account on /admin/users (with the
    /// confirmation); the member's next click does not run and his page lands on the sign-in page.
    /// </summary>
    [EndToEndFact]
    public async Task ADisabledUsersNextClickLandsOnSignIn()
    {
        var member = await app.NewPageAsync();
        await member.SignInAsync("committee");
        await member.GotoInteractiveAsync("/deputies");

        var admin = await app.NewPageAsync();
        await admin.SignInAsync("admin");
        await admin.GotoInteractiveAsync("/admin/users");
        var row = admin.Locator("tr", new PageLocatorOptions { HasText = "committee" });
        try
        {
            await row.GetByTestId("user-disable").ClickAsync();
            await admin.ScreenshotAsync("60-users-confirm-disable");
            await admin.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "确定" }).ClickAsync();
            await Expect(row.GetByTestId("user-disabled")).ToBeVisibleAsync();
            await admin.ScreenshotAsync("61-users-disabled");

            await member.GetByTestId("language-menu").ClickAsync();

            await member.WaitForURLAsync("**/account/login**", new PageWaitForURLOptions { Timeout = 10_000 });
            await Expect(member.GetByTestId("login-submit")).ToBeVisibleAsync();
            await member.ScreenshotAsync("62-disabled-user-at-sign-in");
        }
        finally
        {
            // Other journeys sign in as the committee member too.
            await admin.GotoInteractiveAsync("/admin/users");
            await Expect(row.GetByTestId("user-enable").Or(row.GetByTestId("user-disable"))).ToBeVisibleAsync();
            if (await row.GetByTestId("user-enable").CountAsync() > 0)
            {
                await row.GetByTestId("user-enable").ClickAsync();
                await admin.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "确定" }).ClickAsync();
                await Expect(row.GetByTestId("user-disable")).ToBeVisibleAsync();
            }
        }

        // The trail names both account actions in words.
        await admin.GotoInteractiveAsync("/admin/audit");
        await Expect(admin.GetByTestId("audit-grid")).ToContainTextAsync("停用");
        await Expect(admin.GetByTestId("audit-grid")).ToContainTextAsync("启用");
        await Expect(admin.GetByTestId("audit-grid")).ToContainTextAsync("账号");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = EndToEndPaths.ScreenshotPath("63-audit-trail-account-actions") });
    }
}
