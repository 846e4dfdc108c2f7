using DeputyPerformance.App.Hosting;
using Microsoft.AspNetCore.Localization;

namespace DeputyPerformance.App.Localization;

public static class CultureEndpoints
{
    /// <summary>Switches the UI language and remembers it for a year in a cookie; only local redirects.</summary>
    public static void MapCultureEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/set", (HttpContext http, string? culture, string? redirectUri) =>
        {
            var chosen = AppSetup.SupportedCultures.FirstOrDefault(c => c.Name == culture)?.Name ?? AppSetup.DefaultCulture;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var target = redirectUri is { Length: > 0 } && redirectUri.StartsWith('/') && !redirectUri.StartsWith("//", StringComparison.Ordinal)
                         && !redirectUri.StartsWith("/\\", StringComparison.Ordinal)
                ? redirectUri
                : "/";
            return Results.LocalRedirect(target);
        });
    }
}
