using DeputyPerformance.Domain.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace DeputyPerformance.App.Security;

public static class AccountEndpoints
{
    /// <summary>
    /// Sign-out is a POST with an antiforgery token, so a link elsewhere cannot sign a clerk out. It ends every session of
    /// the account (the security stamp changes), so a copy of the cookie no longer works either. A request without a
    /// valid form gets 400, never an error page.
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn, ISessionRevoker sessions, IAntiforgery antiforgery,
            ILoggerFactory logs, HttpContext http) =>
        {
            if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            logs.CreateLogger("Account").LogInformation("{User} signed out", http.User.Identity?.Name);
            if (SessionCookieValidator.UserId(http.RequestServices, http.User) is { } userId)
            {
                await sessions.EndSessionsOfUserAsync(userId, http.RequestAborted);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).DisableAntiforgery();
    }
}
