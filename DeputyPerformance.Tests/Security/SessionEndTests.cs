using System.Net;
using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeputyPerformance.Tests.Security;

/// <summary>
/// A copy of a session's cookie stops working at once when the account's rights end: termination or suspension of the
/// mandate, disabling, a password change or reset, a role change, and sign-out. Each test first shows the copy works.
/// </summary>
public sealed class SessionEndTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string Password = "Session!2026pw";

    private T Service<T>(IServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    private async Task<string> NewAccountAsync(string role, int? deputyId = null)
    {
        var name = $"s{Guid.NewGuid():N}"[..12];
        await using var scope = factory.Services.CreateAsyncScope();
        int? townId = null;
        if (role == Roles.TownClerk)
        {
            await using var db = await Service<IDbContextFactory<DeputyDbContext>>(scope).CreateDbContextAsync();
            townId = await db.Towns.Select(t => t.Id).FirstAsync();
        }

        await Service<AccountService>(scope).CreateUserAsync(Caller.System,
            new NewUserInput { UserName = name, Password = Password, Role = role, TownId = townId, DeputyId = deputyId });
        return name;
    }

    /// <summary>Signs in on a client of its own and returns the session cookie as a browser would send it.</summary>
    private async Task<string> SessionCookieAsync(string userName)
    {
        using var client = factory.NewClient();
        var response = await AppFactory.SignInAsync(client, userName, Password);
        RedirectAssert.RedirectsTo(response, "/");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dp.auth=", StringComparison.Ordinal));
        return cookie[..cookie.IndexOf(';')];
    }

    private async Task<HttpResponseMessage> GetWithCookieAsync(string path, string cookie)
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, AppFactory.RandomAddress());
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return await client.GetAsync(path);
    }

    private async Task AssertRefusedAsync(string path, string cookie) =>
        RedirectAssert.RedirectsTo(await GetWithCookieAsync(path, cookie), "/account/login");

    private async Task<int> ActiveDeputyWithoutAccountAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await Service<IDbContextFactory<DeputyDbContext>>(scope).CreateDbContextAsync();
        var linked = await db.Users.Where(u => u.DeputyId != null).Select(u => u.DeputyId!.Value).ToListAsync();
        return await db.Deputies.Where(d => d.Status == DeputyStatus.Active && !linked.Contains(d.Id)).OrderByDescending(d => d.Id).Select(d => d.Id).FirstAsync();
    }

    private async Task ChangeMandateAsync(int deputyId, DeputyStatus status)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        // A mandate ends or is suspended only through an exit case.
        var cases = Service<Domain.Exits.ExitCaseService>(scope);
        var caseId = await cases.OpenByHandAsync(Caller.System, deputyId, Domain.Exits.ExitGround.Conviction, "court");
        await cases.ActAsync(Caller.System, caseId, new Domain.Exits.ExitActionInput
        {
            Action = status == DeputyStatus.Terminated ? Domain.Exits.ExitCaseAction.Terminate : Domain.Exits.ExitCaseAction.Suspend,
            Date = new DateOnly(2020, 3, 1), Note = "art. 48/49",
        });
    }

    [Theory]
    [InlineData(DeputyStatus.Terminated)]
    [InlineData(DeputyStatus.Suspended)]
    public async Task AnEndedMandateRefusesTheDeputysCookieAtOnce(DeputyStatus status)
    {
        var deputyId = await ActiveDeputyWithoutAccountAsync();
        var user = await NewAccountAsync(Roles.Deputy, deputyId);
        var cookie = await SessionCookieAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync("/me", cookie)).StatusCode);

        await ChangeMandateAsync(deputyId, status);

        await AssertRefusedAsync("/me", cookie);
        using var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await AppFactory.SignInAsync(client, user, Password)).StatusCode);
    }

    [Fact]
    public async Task AChangedPasswordRefusesTheOldCookieAtOnce()
    {
        var user = await NewAccountAsync(Roles.CountyClerk);
        var cookie = await SessionCookieAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync("/deputies", cookie)).StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await Service<AccountService>(scope).ChangePasswordAsync(new Caller(user, Roles.CountyClerk), Password, "Changed!2026pw");
        }

        await AssertRefusedAsync("/deputies", cookie);
    }

    [Fact]
    public async Task AnAdministratorsResetRefusesTheOldCookieAtOnce()
    {
        var user = await NewAccountAsync(Roles.CountyClerk);
        var cookie = await SessionCookieAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync("/deputies", cookie)).StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await Service<AccountService>(scope).ResetPasswordAsync(Caller.System, user, "Reset!2026pwX");
        }

        await AssertRefusedAsync("/deputies", cookie);
    }

    [Fact]
    public async Task DisablingRefusesTheCookieAtOnceAndEnablingNeedsANewSignIn()
    {
        var user = await NewAccountAsync(Roles.CommitteeMember);
        var cookie = await SessionCookieAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync("/deputies", cookie)).StatusCode);
        string id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var accounts = Service<AccountService>(scope);
            id = (await accounts.ListAsync(Caller.System, new ListQuery(Search: user))).Items.Single().Id;
            await accounts.DisableAsync(Caller.System, id);
        }

        await AssertRefusedAsync("/deputies", cookie);
        using (var client = factory.NewClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await AppFactory.SignInAsync(client, user, Password)).StatusCode);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await Service<AccountService>(scope).EnableAsync(Caller.System, id);
        }

        await AssertRefusedAsync("/deputies", cookie);
        await SessionCookieAsync(user);
    }

    [Fact]
    public async Task AChangedRoleRefusesTheCookieThatCarriesTheOldRole()
    {
        var user = await NewAccountAsync(Roles.CountyClerk);
        var cookie = await SessionCookieAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync("/roster/import", cookie)).StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var accounts = Service<AccountService>(scope);
            var id = (await accounts.ListAsync(Caller.System, new ListQuery(Search: user))).Items.Single().Id;
            await accounts.ChangeRoleAsync(Caller.System, id, new RoleChangeInput { Role = Roles.CommitteeMember });
        }

        await AssertRefusedAsync("/roster/import", cookie);
    }

    [Fact]
    public async Task ACopyOfTheCookieStopsWorkingAfterSignOut()
    {
        var user = await NewAccountAsync(Roles.CountyClerk);
        using var client = factory.NewClient();
        var signIn = await AppFactory.SignInAsync(client, user, Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dp.auth=", StringComparison.Ordinal));
        cookie = cookie[..cookie.IndexOf(';')];
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync("/deputies", cookie)).StatusCode);
        var token = await AppFactory.AntiforgeryTokenAsync(client, "/");

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        RedirectAssert.RedirectsTo(response, "/account/login");
        await AssertRefusedAsync("/deputies", cookie);
    }
}
