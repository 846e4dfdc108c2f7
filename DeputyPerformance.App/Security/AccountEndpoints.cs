using DeputyPerformance.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace DeputyPerformance.App.Security;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token, so a link elsewhere cannot sign a clerk out.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn, ILoggerFactory logs, HttpContext http, [FromForm] string? returnUrl) =>
        {
            logs.CreateLogger("Account").LogInformation("{User} signed out", http.User.Identity?.Name);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        });
    }
}
