using System.Globalization;
using System.Security.Claims;
using DeputyPerformance.Domain.Common;
using Microsoft.AspNetCore.Components.Authorization;

namespace DeputyPerformance.App.Security;

/// <summary>Turns the signed-in user into the domain's <see cref="Caller"/>; services decide what he may do.</summary>
public sealed class CallerAccessor(AuthenticationStateProvider authentication)
{
    public async Task<Caller> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return FromPrincipal(state.User);
    }

    public static Caller FromPrincipal(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            throw new AccessDeniedException();
        }

        var role = Roles.All.FirstOrDefault(user.IsInRole) ?? "";
        return new Caller(user.Identity.Name ?? "", role, IntClaim(user, AppClaimsPrincipalFactory.TownClaim),
            IntClaim(user, AppClaimsPrincipalFactory.DeputyClaim), IntClaim(user, AppClaimsPrincipalFactory.DepartmentClaim));
    }

    private static int? IntClaim(ClaimsPrincipal user, string type) =>
        int.TryParse(user.FindFirst(type)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
