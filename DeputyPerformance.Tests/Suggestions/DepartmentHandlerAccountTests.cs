using System.Security.Claims;
using DeputyPerformance.App.Security;
using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeputyPerformance.Tests.Suggestions;

/// <summary>The department handler (承办单位经办人): an account bound to one department, carried into the caller from the cookie.</summary>
public sealed class DepartmentHandlerAccountTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(seedDemo: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task AHandlerAccountNeedsItsDepartmentAndKeepsIt()
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var department = await ctx.GovernmentDepartments.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
        var accounts = _db.Get<AccountService>();
        var input = new NewUserInput { UserName = "roads.handler", Password = "Handler!2026pw", Role = Roles.DepartmentHandler };

        await Assert.ThrowsAsync<InputValidationException>(() => accounts.CreateUserAsync(TestCallers.Admin, input));
        input.DepartmentId = department;
        var id = await accounts.CreateUserAsync(TestCallers.Admin, input);

        using var scope = _db.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(id);
        Assert.Equal(department, user!.DepartmentId);
        await accounts.ChangeRoleAsync(TestCallers.Admin, id, new RoleChangeInput { Role = Roles.CountyClerk });
        await using var after = await _db.Factory.CreateDbContextAsync();
        Assert.Null((await after.Users.AsNoTracking().SingleAsync(u => u.Id == id)).DepartmentId);
    }

    [Fact]
    public void AHandlersCallerCarriesHisDepartmentFromTheCookie()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "h"), new Claim(ClaimTypes.Role, Roles.DepartmentHandler), new Claim(AppClaimsPrincipalFactory.DepartmentClaim, "5")], "test"));

        Assert.Equal(new Caller("h", Roles.DepartmentHandler, DepartmentId: 5), CallerAccessor.FromPrincipal(principal));
    }
}
