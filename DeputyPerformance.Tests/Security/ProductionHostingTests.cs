using System.Net;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Security;

/// <summary>The app as deployed: Production, behind a proxy at 10.9.9.9 listed in ForwardedHeaders:KnownProxies.</summary>
public sealed class ProductionAppFactory : AppFactory
{
    public const string Proxy = "10.9.9.9";

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("SeedDemoData", "false");
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
    }
}

public sealed class ProductionHostingTests(ProductionAppFactory factory) : IClassFixture<ProductionAppFactory>
{
    private HttpClient Client(string remote)
    {
        var client = factory.NewClient(remote);
        client.BaseAddress = new Uri("http://dp.example/");
        return client;
    }

    private static HttpRequestMessage Forwarded(string path, string proto, string? clientAddress = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-Proto", proto);
        if (clientAddress is not null) request.Headers.Add("X-Forwarded-For", clientAddress);
        return request;
    }

    [Fact]
    public async Task HttpsForwardedByTheConfiguredProxyGetsHsts()
    {
        using var client = Client(ProductionAppFactory.Proxy);

        var response = await client.SendAsync(Forwarded("/account/login", "https"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task ForwardedHeadersFromAnyOtherAddressAreIgnored()
    {
        using var client = Client("10.1.1.1");

        var response = await client.SendAsync(Forwarded("/account/login", "https"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task TheSessionAndLanguageCookiesAreSecureOutsideDevelopmentEvenOverPlainHttp()
    {
        using var client = Client("10.1.1.2");

        var culture = await client.GetAsync("/culture/set?culture=en&redirectUri=/");
        var secure = await client.SendAsync(Forwarded("/account/login", "https"));
        using var proxied = Client(ProductionAppFactory.Proxy);
        var login = await proxied.SendAsync(Forwarded("/account/login", "https"));

        Assert.Contains("secure", culture.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.All(login.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        var cookie = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme).Cookie;
        Assert.Equal(Microsoft.AspNetCore.Http.CookieSecurePolicy.Always, cookie.SecurePolicy);
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
    }

    [Fact]
    public async Task EveryResponseSaysNosniff()
    {
        using var client = Client("10.1.1.3");

        foreach (var path in new[] { "/account/login", "/v/NOSUCHCODE", "/culture/set?culture=en" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public async Task ANonAsciiCultureRedirectIsEscapedNotAnError()
    {
        using var client = Client("10.1.1.4");

        var response = await client.GetAsync("/culture/set?culture=en&redirectUri=/%E4%B8%AD");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/%E4%B8%AD", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ASignOutPostWithoutAFormIsABadRequestNotAnError()
    {
        using var client = Client("10.1.1.5");

        var bare = await client.PostAsync("/account/logout", null);
        var json = await client.PostAsync("/account/logout", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
    }

    [Fact]
    public async Task DataProtectionKeysAreStoredInTheDatabaseWithTheirSecretsSealed()
    {
        using var client = Client("10.1.1.6");
        await client.GetAsync("/account/login");

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DeputyDbContext>>().CreateDbContextAsync();
        var keys = await db.DataProtectionKeys.AsNoTracking().ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("<sealedKey", k.Xml));
        Assert.All(keys, k => Assert.DoesNotContain("masterKey", k.Xml));
        var folder = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, Path.GetFileNameWithoutExtension(factory.DatabasePath) + "-keys");
        Assert.False(Directory.Exists(folder) && Directory.GetFiles(folder, "key-*.xml").Length > 0);
    }

    [Fact]
    public async Task TheClientAddressBehindTheProxyIsWhatTheSignInThrottleCounts()
    {
        using var client = Client(ProductionAppFactory.Proxy);
        for (var i = 0; i < 4; i++)
        {
            await SignInFromAsync(client, "192.0.2.50", "nobody", $"Wrong!{i}pw");
        }

        var throttled = await SignInFromAsync(client, "192.0.2.50", "nobody", "Wrong!9pw");
        var other = await SignInFromAsync(client, "192.0.2.51", "nobody", "Wrong!9pw");

        Assert.Contains("此地址登录失败次数过多", throttled);
        Assert.DoesNotContain("此地址登录失败次数过多", other);
    }

    private async Task<string> SignInFromAsync(HttpClient _, string clientAddress, string user, string password)
    {
        // The antiforgery cookie is Secure (the proxy said https): carried by hand, as the browser would over TLS.
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.BaseAddress = new Uri("http://dp.example/");
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, ProductionAppFactory.Proxy);
        var get = await client.SendAsync(Forwarded("/account/login", "https", clientAddress));
        var cookies = string.Join("; ", get.Headers.GetValues("Set-Cookie").Select(c => c[..c.IndexOf(';')]));
        var html = await get.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["Input.UserName"] = user, ["Input.Password"] = password,
            }),
        };
        post.Headers.Add("X-Forwarded-Proto", "https");
        post.Headers.Add("X-Forwarded-For", clientAddress);
        post.Headers.Add("Cookie", cookies);
        return await (await client.SendAsync(post)).Content.ReadAsStringAsync();
    }
}
