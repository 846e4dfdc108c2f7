using System.Globalization;
using System.Security.Claims;
using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DeputyPerformance.App.Security;

/// <summary>Puts the user's scope (town, deputy record) into the sign-in cookie as claims.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, DeputyService deputies)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string TownClaim = "dp:town";
    public const string DeputyClaim = "dp:deputy";
    public const string DisplayNameClaim = "dp:display";
    public const string DepartmentClaim = "dp:department";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.TownId is { } town)
        {
            identity.AddClaim(new Claim(TownClaim, town.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.DeputyId is { } deputy)
        {
            identity.AddClaim(new Claim(DeputyClaim, deputy.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.DepartmentId is { } department)
        {
            identity.AddClaim(new Claim(DepartmentClaim, department.ToString(CultureInfo.InvariantCulture)));
        }

        identity.AddClaim(new Claim(DisplayNameClaim, await DisplayNameAsync(user)));
        return identity;
    }

    /// <summary>A deputy's header shows his name and number from the roster (the account's own display name may be a placeholder).</summary>
    private async Task<string> DisplayNameAsync(AppUser user)
    {
        if (user.DeputyId is not { } deputyId)
        {
            return user.DisplayName;
        }

        try
        {
            var own = await deputies.GetOwnRecordAsync(new Caller(user.UserName ?? "", Roles.Deputy, DeputyId: deputyId));
            return $"{own.Name} ({own.DeputyNumber})";
        }
        catch (NotFoundException)
        {
            return user.DisplayName;
        }
    }
}
