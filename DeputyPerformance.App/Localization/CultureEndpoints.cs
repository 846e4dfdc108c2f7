using DeputyPerformance.App.Hosting;
using DeputyPerformance.App.Security;
using Microsoft.AspNetCore.Localization;

namespace DeputyPerformance.App.Localization;

public static class CultureEndpoints
{
    /// <summary>Switches the UI language and remembers it for a year in a cookie; only local redirects.</summary>
    public static void MapCultureEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/set", (HttpContext http, AppCookieSecurity cookies, string? culture, string? redirectUri) =>
        {
            var chosen = AppSetup.SupportedCultures.FirstOrDefault(c => c.Name == culture)?.Name ?? AppSetup.DefaultCulture;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions
                {
                    Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true,
                    Secure = cookies.SecureFor(http.Request),
                });
            // Only local targets, in ASCII (a Location header cannot carry "/中").
            return Results.LocalRedirect(LocalUrls.Safe(redirectUri));
        });
    }
}
