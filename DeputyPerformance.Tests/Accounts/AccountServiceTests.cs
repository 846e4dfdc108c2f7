using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DeputyPerformance.Tests.Accounts;

public sealed class AccountServiceTests(SeededDatabase fx) : IClassFixture<SeededDatabase>
{
    private const string GoodPassword = "Clerk!2026pw";

    private AccountService Service => fx.Get<AccountService>();

    [Fact]
    public async Task OnlyAnAdministratorCreatesAccounts()
    {
        var (town, _) = await fx.TownsAsync();
        var input = new NewUserInput { UserName = "sneaky", Password = GoodPassword, Role = Roles.Administrator };

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.CreateUserAsync(TestCallers.CountyClerk, input));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.CreateUserAsync(TestCallers.TownClerk(town), input));
        Assert.Null(await fx.Get<UserManager<AppUser>>().FindByNameAsync("sneaky"));
    }

    [Fact]
    public async Task ATownClerkAccountIsBoundToItsTownAndAuditedWithoutSecrets()
    {
        var (town, _) = await fx.TownsAsync();
        var last = await fx.LastAuditIdAsync();

        var id = await Service.CreateUserAsync(TestCallers.Admin,
            new NewUserInput { UserName = "clerk.two", Password = GoodPassword, Role = Roles.TownClerk, TownId = town, DeputyId = 5 });

        var users = fx.Get<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(id);
        Assert.Equal(town, user!.TownId);
        Assert.Null(user.DeputyId);
        Assert.Equal("clerk.two", user.DisplayName);
        Assert.True(await users.IsInRoleAsync(user, Roles.TownClerk));
        var entry = Assert.Single(await fx.AuditSinceAsync(last));
        Assert.Equal(("admin", "Added", nameof(AppUser), id), (entry.UserName, entry.Action, entry.EntityType, entry.EntityId));
        Assert.DoesNotContain("Password", entry.Changes, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(GoodPassword, entry.Changes);
    }

    [Fact]
    public async Task AnUnknownTownIsRefused()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => Service.CreateUserAsync(TestCallers.Admin,
            new NewUserInput { UserName = "clerk.nowhere", Password = GoodPassword, Role = Roles.TownClerk, TownId = 999_999 }));

        Assert.Equal("TownRequired", ex.Key);
    }

    [Fact]
    public async Task AWeakPasswordIsRefusedWithLocalizedReasons()
    {
        using var culture = new CultureScope("zh-CN");

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => Service.CreateUserAsync(TestCallers.Admin,
            new NewUserInput { UserName = "weak.one", Password = "short", Role = Roles.CountyClerk }));

        Assert.Contains("密码至少需要 10 个字符。", ex.Errors);
        Assert.Contains("密码必须包含数字。", ex.Errors);
    }

    [Fact]
    public async Task ATakenUserNameIsRefused()
    {
        var ex = await Assert.ThrowsAsync<InputValidationException>(() => Service.CreateUserAsync(TestCallers.Admin,
            new NewUserInput { UserName = "admin", Password = GoodPassword, Role = Roles.Administrator }));

        Assert.Contains(DomainText.Format("Identity_DuplicateUserName", "admin"), ex.Errors);
    }

    [Fact]
    public async Task OnlyAnAdministratorListsAccounts()
    {
        var page = await Service.ListAsync(TestCallers.Admin, new ListQuery(PageSize: 50));

        Assert.Contains(page.Items, u => u.UserName == "town.clerk" && u.Role == Roles.TownClerk && u.TownId is not null);
        Assert.Contains(page.Items, u => u.UserName == "deputy" && u.Role == Roles.Deputy && u.DeputyId is not null);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ListAsync(TestCallers.CountyClerk, new ListQuery()));
    }

    [Fact]
    public async Task ChangingThePasswordNeedsTheCurrentOne()
    {
        await Service.CreateUserAsync(TestCallers.Admin, new NewUserInput { UserName = "changer", Password = GoodPassword, Role = Roles.CommitteeMember });
        var caller = new Caller("changer", Roles.CommitteeMember);

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => Service.ChangePasswordAsync(caller, "Wrong!2026pw", "Newer!2026pw"));
        await Service.ChangePasswordAsync(caller, GoodPassword, "Newer!2026pw");

        Assert.Contains(DomainText.Get("Identity_PasswordMismatch"), ex.Errors);
        var users = fx.Get<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync("changer"))!, "Newer!2026pw"));
    }

    [Fact]
    public async Task AnAdministratorResetLiftsALockout()
    {
        await Service.CreateUserAsync(TestCallers.Admin, new NewUserInput { UserName = "forgetful", Password = GoodPassword, Role = Roles.CountyClerk });
        var users = fx.Get<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync("forgetful"))!;
        for (var i = 0; i < 5; i++)
        {
            await users.AccessFailedAsync(user);
        }

        Assert.True(await users.IsLockedOutAsync(user));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ResetPasswordAsync(TestCallers.CountyClerk, "forgetful", "Reset!2026pw"));
        await Service.ResetPasswordAsync(TestCallers.Admin, "forgetful", "Reset!2026pw");

        await using var scope = fx.Db.Services.CreateAsyncScope();
        var fresh = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        user = (await fresh.FindByNameAsync("forgetful"))!;
        Assert.False(await fresh.IsLockedOutAsync(user));
        Assert.True(await fresh.CheckPasswordAsync(user, "Reset!2026pw"));
    }
}
