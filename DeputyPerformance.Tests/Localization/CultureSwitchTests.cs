using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Localization;

/// <summary>Chinese by default, English after a switch remembered in a cookie; the switch redirects locally only.</summary>
public sealed class CultureSwitchTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task TheSignInPageIsChineseByDefault()
    {
        using var client = factory.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");

        var html = await (await client.GetAsync("/account/login")).Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"zh-CN\"", html);
        Assert.Contains("登录", html);
        Assert.DoesNotContain("Sign in", html);
    }

    [Fact]
    public async Task SwitchingToEnglishSetsTheCookieAndTheSignInPageFollows()
    {
        using var client = factory.NewClient();

        var response = await client.GetAsync("/culture/set?culture=en&redirectUri=/account/login");

        RedirectAssert.RedirectsTo(response, "/account/login");
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den", StringComparison.Ordinal));
        var html = await (await client.GetAsync("/account/login")).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\"", html);
        Assert.Contains("Sign in", html);
        Assert.DoesNotContain("登录", html);
    }

    [Fact]
    public async Task SwitchingBackToChineseWorks()
    {
        using var client = factory.NewClient();
        await client.GetAsync("/culture/set?culture=en&redirectUri=/account/login");

        await client.GetAsync("/culture/set?culture=zh-CN&redirectUri=/account/login");

        Assert.Contains("登录", await (await client.GetAsync("/account/login")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnsupportedCultureFallsBackToChinese()
    {
        using var client = factory.NewClient();

        var response = await client.GetAsync("/culture/set?culture=fr&redirectUri=/account/login");

        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Dzh-CN%7Cuic%3Dzh-CN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASignInErrorIsShownInEnglishAfterTheSwitch()
    {
        using var client = factory.NewClient();
        await client.GetAsync("/culture/set?culture=en&redirectUri=/account/login");

        var response = await AppFactory.SignInAsync(client, "admin", "Wrong!2026pw");

        Assert.Contains("Sign-in failed: the user name or password is wrong", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("evil.example")]
    [InlineData("")]
    public async Task TheSwitchRedirectsOnlyWithinTheSite(string redirectUri)
    {
        using var client = factory.NewClient();

        var response = await client.GetAsync($"/culture/set?culture=en&redirectUri={Uri.EscapeDataString(redirectUri)}");

        RedirectAssert.RedirectsTo(response, "/");
    }
}
