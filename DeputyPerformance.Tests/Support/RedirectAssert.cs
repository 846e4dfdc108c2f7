using System.Net;

namespace DeputyPerformance.Tests.Support;

public static class RedirectAssert
{
    private static readonly Uri Site = new("http://localhost");

    /// <summary>A 302 to a path of this site (relative, or absolute on the test host), whatever the query string.</summary>
    public static Uri RedirectsTo(HttpResponseMessage response, string path)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(Site, response.Headers.Location!);
        Assert.Equal(Site.Authority, target.Authority);
        Assert.Equal(path, target.AbsolutePath);
        return target;
    }
}
