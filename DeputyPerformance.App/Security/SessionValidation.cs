using System.Security.Claims;
using DeputyPerformance.Domain.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DeputyPerformance.App.Security;

/// <summary>
/// Checks the sign-in cookie on every request: the security stamp it carries must still be the account's, the account
/// neither disabled nor locked out, a linked deputy's mandate active (<see cref="Sessions.IsValidAsync"/>, one indexed
/// look-up). A cookie that fails is refused and removed; a copy of it taken earlier fails the same way.
/// </summary>
public static class SessionCookieValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<Sessions>();
        if (!await sessions.IsValidAsync(UserId(context.HttpContext.RequestServices, context.Principal), Stamp(context.HttpContext.RequestServices, context.Principal),
                context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    internal static string? UserId(IServiceProvider services, ClaimsPrincipal? user) =>
        user?.FindFirstValue(services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.UserIdClaimType);

    internal static string? Stamp(IServiceProvider services, ClaimsPrincipal? user) =>
        user?.FindFirstValue(services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType);
}

/// <summary>
/// The same check before every interaction of an open page (a click, a key, a JS call back): when the session has
/// ended, the interaction is not run and the page goes to the sign-in page, whose request the cookie check then refuses.
/// </summary>
public sealed class SessionCircuitHandler(
    AuthenticationStateProvider authentication, Sessions sessions, NavigationManager navigation, IServiceProvider services,
    ILogger<SessionCircuitHandler> logger) : CircuitHandler
{
    private bool _ended;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (!_ended)
            {
                var user = (await authentication.GetAuthenticationStateAsync()).User;
                if (user.Identity?.IsAuthenticated != true
                    || await sessions.IsValidAsync(SessionCookieValidator.UserId(services, user), SessionCookieValidator.Stamp(services, user)))
                {
                    await next(context);
                    return;
                }

                _ended = true;
                logger.LogInformation("The session of {User} has ended; its open page goes to sign-in", user.Identity.Name);
                navigation.NavigateTo("/account/login?returnUrl=" + Uri.EscapeDataString("/" + navigation.ToBaseRelativePath(navigation.Uri)), forceLoad: true);
            }
        };
}

/// <summary>
/// Re-checks an open page's session every 30 seconds even without interaction, so an idle page of an ended session
/// leaves for sign-in by itself too.
/// </summary>
public sealed class RevalidatingIdentityStateProvider(ILoggerFactory loggerFactory, IServiceProvider services, Sessions sessions)
    : Microsoft.AspNetCore.Components.Server.RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        sessions.IsValidAsync(SessionCookieValidator.UserId(services, authenticationState.User), SessionCookieValidator.Stamp(services, authenticationState.User),
            cancellationToken);
}
