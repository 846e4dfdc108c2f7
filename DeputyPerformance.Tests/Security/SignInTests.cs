using System.Net;
using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DeputyPerformance.Tests.Security;

/// <summary>The sign-in form, lockout and sign-out over real HTTP; each test uses its own demo account or a fresh client.</summary>
public sealed class SignInTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Failed = "登录失败：用户名或密码错误，或该账号目前无法登录。";
    private const string Throttled = "此地址登录失败次数过多";

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
    public async Task FailuresSlowTheAddressButNeverLockTheAccountForOthers()
    {
        using var attacker = factory.NewClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Contains(Failed, await (await AppFactory.SignInAsync(attacker, "committee", $"Wrong!{attempt}pw")).Content.ReadAsStringAsync());
        }

        var fifth = await (await AppFactory.SignInAsync(attacker, "committee", AppFactory.DemoPassword)).Content.ReadAsStringAsync();
        using var owner = factory.NewClient();
        var ownersSignIn = await AppFactory.SignInAsync(owner, "committee", AppFactory.DemoPassword);

        Assert.Contains(Throttled, fifth);
        RedirectAssert.RedirectsTo(await attacker.GetAsync("/"), "/account/login");
        RedirectAssert.RedirectsTo(ownersSignIn, "/");
        Assert.Contains(factory.Logs.Records, r => r.Message.Contains("Failed sign-in for committee", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALockedAccountGetsTheSameAnswerAsAWrongPassword()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            await accounts.CreateUserAsync(Caller.System, new NewUserInput { UserName = "locked.one", Password = "Locked!2026pw", Role = Roles.CountyClerk });
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync("locked.one"))!, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        using var client = factory.NewClient();
        var response = await AppFactory.SignInAsync(client, "locked.one", "Locked!2026pw");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Failed, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ANonAsciiReturnUrlIsFollowedEscapedInsteadOfFailing()
    {
        using var client = factory.NewClient();

        var response = await AppFactory.SignInAsync(client, "county.clerk", AppFactory.DemoPassword, "/deputies?q=张三");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/deputies?q=%E5%BC%A0%E4%B8%89", response.Headers.Location?.OriginalString);
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
