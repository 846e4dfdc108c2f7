using System.Security.Claims;
using DeputyPerformance.App.Components.Pages.Account;
using DeputyPerformance.App.Security;
using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Tests.Security;

/// <summary>The signed-in principal becomes the domain's caller: role and scope come only from the cookie's claims.</summary>
public sealed class CallerAccessorTests
{
    private static ClaimsPrincipal Principal(string name, string? role, params Claim[] claims)
    {
        var all = new List<Claim> { new(ClaimTypes.Name, name) };
        if (role is not null)
        {
            all.Add(new Claim(ClaimTypes.Role, role));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(all.Concat(claims), "test"));
    }

    [Fact]
    public void AnAnonymousUserIsRefused() =>
        Assert.Throws<AccessDeniedException>(() => CallerAccessor.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity())));

    [Fact]
    public void ATownClerkCarriesHisTown()
    {
        var caller = CallerAccessor.FromPrincipal(Principal("town.clerk", Roles.TownClerk, new Claim(AppClaimsPrincipalFactory.TownClaim, "3")));

        Assert.Equal(new Caller("town.clerk", Roles.TownClerk, TownId: 3), caller);
    }

    [Fact]
    public void ADeputyCarriesHisRecord()
    {
        var caller = CallerAccessor.FromPrincipal(Principal("deputy", Roles.Deputy, new Claim(AppClaimsPrincipalFactory.DeputyClaim, "42")));

        Assert.Equal(new Caller("deputy", Roles.Deputy, DeputyId: 42), caller);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Superuser")]
    public void AnUnknownOrMissingRoleGivesNoRights(string? role)
    {
        var caller = CallerAccessor.FromPrincipal(Principal("someone", role));

        Assert.Equal("", caller.Role);
        Assert.False(caller.IsCountyStaff || caller.IsTownClerk || caller.IsCommitteeMember || caller.IsDeputy);
    }

    [Fact]
    public void AMalformedScopeClaimIsIgnored()
    {
        var caller = CallerAccessor.FromPrincipal(Principal("town.clerk", Roles.TownClerk, new Claim(AppClaimsPrincipalFactory.TownClaim, "1 OR 1=1")));

        Assert.Null(caller.TownId);
    }

    [Theory]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("/deputies?page=2", "/deputies?page=2")]
    [InlineData("https://evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    public void SignInReturnsOnlyToLocalPaths(string? returnUrl, string expected) =>
        Assert.Equal(expected, Login.SafeReturnUrl(returnUrl));
}
