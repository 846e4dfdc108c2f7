using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Auditing;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeputyPerformance.Tests.Accounts;

/// <summary>Disable, enable, unlock and re-scope accounts: administrators only, audited, and every one ends the sessions it must.</summary>
public sealed class AccountAdministrationTests(SeededDatabase fx) : IClassFixture<SeededDatabase>
{
    private const string Password = "Admin!2026pwX";

    private AccountService Accounts => fx.Get<AccountService>();

    private async Task<AppUser> UserAsync(string name)
    {
        await using var scope = fx.Db.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(name))!;
    }

    private async Task<AppUser> NewUserAsync(string role = Roles.CountyClerk)
    {
        var name = $"a{Guid.NewGuid():N}"[..12];
        await Accounts.CreateUserAsync(TestCallers.Admin, new NewUserInput { UserName = name, Password = Password, Role = role });
        return await UserAsync(name);
    }

    private Task<bool> SessionValidAsync(AppUser user) => fx.Get<Sessions>().IsValidAsync(user.Id, user.SecurityStamp);

    [Fact]
    public async Task OnlyAnAdministratorDisablesEnablesUnlocksOrChangesRoles()
    {
        var user = await NewUserAsync();
        foreach (var caller in new[] { TestCallers.CountyClerk, new Caller("committee", Roles.CommitteeMember), new Caller("deputy", Roles.Deputy, DeputyId: 1) })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Accounts.DisableAsync(caller, user.Id));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Accounts.EnableAsync(caller, user.Id));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Accounts.UnlockAsync(caller, user.Id));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Accounts.ChangeRoleAsync(caller, user.Id, new RoleChangeInput { Role = Roles.Administrator }));
        }

        Assert.False((await UserAsync(user.UserName!)).IsDisabled);
    }

    [Fact]
    public async Task DisablingEndsTheSessionsAndIsAuditedEnablingLetsTheUserSignInAgain()
    {
        var user = await NewUserAsync();
        Assert.True(await SessionValidAsync(user));
        var last = await fx.LastAuditIdAsync();

        await Accounts.DisableAsync(TestCallers.Admin, user.Id);

        var disabled = await UserAsync(user.UserName!);
        Assert.True(disabled.IsDisabled);
        Assert.False(await SessionValidAsync(user));
        Assert.False(await fx.Get<Sessions>().IsValidAsync(disabled.Id, disabled.SecurityStamp));
        Assert.Contains((await Accounts.ListAsync(TestCallers.Admin, new ListQuery(Search: user.UserName))).Items, r => r.IsDisabled);

        await Accounts.EnableAsync(TestCallers.Admin, user.Id);

        var enabled = await UserAsync(user.UserName!);
        Assert.False(enabled.IsDisabled);
        Assert.True(await fx.Get<Sessions>().IsValidAsync(enabled.Id, enabled.SecurityStamp));
        Assert.Equal(["Disabled", "Enabled"], (await fx.AuditSinceAsync(last)).Select(a => a.Action));
    }

    [Fact]
    public async Task AnAdministratorCannotDisableOrDemoteHimselfNorTheLastAdministrator()
    {
        var admin = await UserAsync("admin");

        Assert.Equal("Account_NotYourself", (await Assert.ThrowsAsync<DomainException>(() => Accounts.DisableAsync(TestCallers.Admin, admin.Id))).Key);
        Assert.Equal("Account_NotYourself", (await Assert.ThrowsAsync<DomainException>(() =>
            Accounts.ChangeRoleAsync(TestCallers.Admin, admin.Id, new RoleChangeInput { Role = Roles.CountyClerk }))).Key);
        var other = new Caller("root.two", Roles.Administrator);
        Assert.Equal("Account_LastAdministrator", (await Assert.ThrowsAsync<DomainException>(() => Accounts.DisableAsync(other, admin.Id))).Key);
        Assert.False((await UserAsync("admin")).IsDisabled);
    }

    [Fact]
    public async Task UnlockLiftsTheLockoutAndKeepsThePassword()
    {
        var user = await NewUserAsync();
        await using (var scope = fx.Db.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id))!, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        Assert.Contains((await Accounts.ListAsync(TestCallers.Admin, new ListQuery(Search: user.UserName))).Items, r => r.IsLockedOut);

        await Accounts.UnlockAsync(TestCallers.Admin, user.Id);

        var row = Assert.Single((await Accounts.ListAsync(TestCallers.Admin, new ListQuery(Search: user.UserName))).Items);
        Assert.False(row.IsLockedOut);
        await using var check = fx.Db.Services.CreateAsyncScope();
        var manager = check.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await manager.CheckPasswordAsync((await manager.FindByIdAsync(user.Id))!, Password));
    }

    [Fact]
    public async Task ChangingTheRoleSetsTheNewScopeShowsItInTheListAndEndsTheSessions()
    {
        var (town, _) = await fx.TownsAsync();
        var user = await NewUserAsync();
        var last = await fx.LastAuditIdAsync();

        await Accounts.ChangeRoleAsync(TestCallers.Admin, user.Id, new RoleChangeInput { Role = Roles.TownClerk, TownId = town });

        var row = Assert.Single((await Accounts.ListAsync(TestCallers.Admin, new ListQuery(Search: user.UserName))).Items);
        Assert.Equal((Roles.TownClerk, town), (row.Role, row.TownId));
        Assert.False(string.IsNullOrEmpty(row.TownName));
        Assert.False(await SessionValidAsync(user));
        var entry = Assert.Single(await fx.AuditSinceAsync(last));
        Assert.Equal("RoleChanged", entry.Action);
        Assert.Contains(AuditText.Describe(entry.EntityType, entry.Action, entry.Changes), c => c.Old == Roles.CountyClerk && c.New == Roles.TownClerk);
        await Assert.ThrowsAsync<DomainException>(() => Accounts.ChangeRoleAsync(TestCallers.Admin, user.Id, new RoleChangeInput { Role = Roles.Deputy }));
    }

    [Fact]
    public async Task TheListShowsTheLinkedDeputy()
    {
        var row = Assert.Single((await Accounts.ListAsync(TestCallers.Admin, new ListQuery(Search: "deputy"))).Items, r => r.UserName == "deputy");

        Assert.NotNull(row.DeputyName);
        Assert.NotNull(row.DeputyNumber);
    }

    [Fact]
    public async Task ASuspendedDeputyCannotSubmitHisOwnLogAndHisSessionsEnd()
    {
        var (town, _) = await fx.TownsAsync();
        var deputy = await fx.DeputyOfTownAsync(town);
        var account = await UserAsync("deputy");
        Assert.Equal(deputy.Id, account.DeputyId);
        var caller = new Caller("deputy", Roles.Deputy, DeputyId: deputy.Id);
        // The mandate is suspended only through an exit case (the deputy form no longer sets a status).
        var cases = fx.Get<Domain.Exits.ExitCaseService>();
        var caseId = await cases.OpenByHandAsync(TestCallers.CountyClerk, deputy.Id, Domain.Exits.ExitGround.Detention, "detained");
        await cases.ActAsync(TestCallers.CountyClerk, caseId, new Domain.Exits.ExitActionInput
        {
            Action = Domain.Exits.ExitCaseAction.Suspend, Date = new DateOnly(2020, 1, 1), Note = "art. 48",
        });

        Assert.False(await SessionValidAsync(account));
        var before = await fx.CountAsync<DutyLog>();
        await Assert.ThrowsAsync<AccessDeniedException>(() => fx.Get<DutyLogService>().SubmitAsync(caller, Duties.DutyTestData.Input(deputy.Id)));
        Assert.Equal(before, await fx.CountAsync<DutyLog>());
        Assert.False(await Accounts.MandateAllowsSignInAsync(account));

        await cases.ActAsync(TestCallers.CountyClerk, caseId, new Domain.Exits.ExitActionInput
        {
            Action = Domain.Exits.ExitCaseAction.Restore, Date = new DateOnly(2020, 2, 1), Note = "released",
        });
        Assert.True(await Accounts.MandateAllowsSignInAsync(account));
    }
}
