using System.Net;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Security;

/// <summary>The sign-in form, lockout and sign-out over real HTTP; each test uses its own demo account or a fresh client.</summary>
public sealed class SignInTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Failed = "用户名或密码错误。";
    private const string LockedOut = "登录失败次数过多，账号已锁定 15 分钟。";

    [Fact]
    public async Task TheRightPasswordSignsInAndGoesHome()
    {
        using var client = factory.NewClient();

        var response = await AppFactory.SignInAsync(client, "county.clerk", AppFactory.DemoPassword);

        RedirectAssert.RedirectsTo(response, "/");
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("dp.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task AWrongPasswordShowsTheErrorAndSignsNobodyIn()
    {
        using var client = factory.NewClient();

        var response = await AppFactory.SignInAsync(client, "admin", "Wrong!2026pw");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Failed, await response.Content.ReadAsStringAsync());
        RedirectAssert.RedirectsTo(await client.GetAsync("/"), "/account/login");
    }

    [Fact]
    public async Task AnUnknownUserGetsTheSameMessageAsAWrongPassword()
    {
        using var client = factory.NewClient();

        var response = await AppFactory.SignInAsync(client, "no.such.user", AppFactory.DemoPassword);

        Assert.Contains(Failed, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FiveFailuresLockTheAccountAndEvenTheRightPasswordIsThenRefused()
    {
        using var client = factory.NewClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var html = await (await AppFactory.SignInAsync(client, "committee", $"Wrong!{attempt}pw")).Content.ReadAsStringAsync();
            Assert.Contains(Failed, html);
        }

        var fifth = await (await AppFactory.SignInAsync(client, "committee", "Wrong!5pw")).Content.ReadAsStringAsync();
        var sixth = await AppFactory.SignInAsync(client, "committee", AppFactory.DemoPassword);

        Assert.Contains(LockedOut, fifth);
        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Contains(LockedOut, await sixth.Content.ReadAsStringAsync());
        Assert.Contains(factory.Logs.Records, r => r.Message.Contains("Failed sign-in for committee (locked out: True)", StringComparison.Ordinal));
        RedirectAssert.RedirectsTo(await client.GetAsync("/"), "/account/login");
    }

    [Theory]
    [InlineData("/deputies", "/deputies")]
    [InlineData("https://evil.example/phish", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    public async Task AfterSignInOnlyALocalReturnUrlIsFollowed(string returnUrl, string expected)
    {
        using var client = factory.NewClient();

        var response = await AppFactory.SignInAsync(client, "town.clerk", AppFactory.DemoPassword, returnUrl);

        var target = RedirectAssert.RedirectsTo(response, expected);
        Assert.Empty(target.Query);
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        using var client = factory.NewClient();
        await AppFactory.SignInAsync(client, "admin", AppFactory.DemoPassword);
        var token = await AppFactory.AntiforgeryTokenAsync(client, "/");

        var response = await client.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        RedirectAssert.RedirectsTo(response, "/account/login");
        RedirectAssert.RedirectsTo(await client.GetAsync("/deputies"), "/account/login");
    }

    [Fact]
    public async Task ASignOutWithoutAntiforgeryTokenIsRejected()
    {
        using var client = factory.NewClient();
        await AppFactory.SignInAsync(client, "deputy", AppFactory.DemoPassword);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/me")).StatusCode);
    }
}
