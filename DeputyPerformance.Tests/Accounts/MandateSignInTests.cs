using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Accounts;

public sealed class MandateSignInTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(seedDemo: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task DeputyLosesSignInOnceHisMandateIsTerminated()
    {
        var accounts = _db.Get<AccountService>();
        var user = (await _db.Get<UserManager<AppUser>>().FindByNameAsync("deputy"))!;
        Assert.True(await accounts.MandateAllowsSignInAsync(user));

        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            var deputy = await ctx.Deputies.SingleAsync(d => d.Id == user.DeputyId);
            deputy.ChangeStatus(DeputyStatus.Terminated, new DateOnly(2019, 5, 1));
            await ctx.SaveChangesAsync();
        }

        Assert.False(await accounts.MandateAllowsSignInAsync(user));
    }

    [Fact]
    public async Task ClerkAccountsAreNotTiedToAMandate()
    {
        var user = (await _db.Get<UserManager<AppUser>>().FindByNameAsync("town.clerk"))!;

        Assert.True(await _db.Get<AccountService>().MandateAllowsSignInAsync(user));
    }
}
