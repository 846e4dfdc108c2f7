using System.Globalization;
using System.Security.Claims;
using Bunit;
using DeputyPerformance.App.Security;

namespace DeputyPerformance.Tests.Support;

/// <summary>Signs a bUnit context in as one of the demo roles, with the town or deputy claim that scopes it.</summary>
public static class DailyAuth
{
    public static void SignIn(BunitContext ctx, string userName, string role, int? townId = null, int? deputyId = null)
    {
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized(userName);
        auth.SetRoles(role);
        var claims = new List<Claim>();
        if (townId is { } t) claims.Add(new Claim(AppClaimsPrincipalFactory.TownClaim, t.ToString(CultureInfo.InvariantCulture)));
        if (deputyId is { } d) claims.Add(new Claim(AppClaimsPrincipalFactory.DeputyClaim, d.ToString(CultureInfo.InvariantCulture)));
        if (claims.Count > 0) auth.SetClaims([.. claims]);
    }
}
