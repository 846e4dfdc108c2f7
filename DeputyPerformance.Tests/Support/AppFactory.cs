using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Tests.Support;

/// <summary>
/// The real app in memory (Development, demo county seeded) over its own temp SQLite file. Share one per
/// test class through IClassFixture: start-up migrates and seeds, which takes a few seconds.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    /// <summary>The demo accounts' password (Seeding/DemoCounty.json).</summary>
    public const string DemoPassword = "Demo!2026pw";

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"dp-web-{Guid.NewGuid():N}.db");
    private readonly string _evidence = Path.Combine(Path.GetTempPath(), $"dp-web-evidence-{Guid.NewGuid():N}");
    private readonly Dictionary<string, HttpClient> _signedIn = [];
    private readonly SemaphoreSlim _signInLock = new(1, 1);

    /// <summary>Everything the app logs, for asserting that refusals and failed sign-ins are logged.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureLogging(l => l.AddProvider(Logs));
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={_path}");
        builder.UseSetting("SeedDemoData", "true");
        // Evidence uploaded by tests stays out of the project folder.
        builder.UseSetting("Evidence:Folder", _evidence);
        builder.ConfigureServices(s => s.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>());
        Configure(builder);
    }

    /// <summary>Extra settings of a derived factory (environment, proxies, throttle).</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    /// <summary>The database file of this factory (the Data Protection keys live beside it).</summary>
    public string DatabasePath => _path;

    /// <summary>
    /// The test server has no client address; each client gets one of its own (header <see cref="TestClientAddress.Header"/>),
    /// so the sign-in throttle of one test never slows another.
    /// </summary>
    public HttpClient NewClient(string address)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return client;
    }

    public static string RandomAddress() => $"10.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}";

    /// <summary>A browser-like client: keeps cookies, shows redirects instead of following them.</summary>
    public HttpClient NewClient() => NewClient(RandomAddress());

    /// <summary>A client signed in as the demo user, created once per factory and reused.</summary>
    public async Task<HttpClient> SignedInAsync(string userName)
    {
        await _signInLock.WaitAsync();
        try
        {
            if (!_signedIn.TryGetValue(userName, out var client))
            {
                client = NewClient();
                var response = await SignInAsync(client, userName, DemoPassword);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {userName} answered {response.StatusCode}");
                _signedIn[userName] = client;
            }

            return client;
        }
        finally
        {
            _signInLock.Release();
        }
    }

    /// <summary>Signs in through the real form: GET the page for its antiforgery token, then POST the fields.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/account/login" : $"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var token = await AntiforgeryTokenAsync(client, path);
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>The antiforgery token of the first form on the page (the token is bound to the signed-in user).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var match = Regex.Match(html, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")
            is { Success: true } m ? m : Regex.Match(html, "<input[^>]*value=\"([^\"]+)\"[^>]*name=\"__RequestVerificationToken\"");
        Assert.True(match.Success, $"no antiforgery token on {path}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var client in _signedIn.Values)
        {
            client.Dispose();
        }

        _signInLock.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var folder in new[] { Path.Combine(Path.GetDirectoryName(_path)!, Path.GetFileNameWithoutExtension(_path) + "-keys"), _evidence })
        {
            try
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left to the OS temp cleaner.
            }
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(_path + suffix);
            }
            catch (IOException)
            {
                // Still open elsewhere: left to the OS temp cleaner.
            }
        }
    }
}

/// <summary>Sets the connection's remote address from a test header, as a real client (or a proxy) would have one.</summary>
public sealed class TestClientAddress : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use(nextMiddleware => http =>
        {
            if (http.Request.Headers.TryGetValue(Header, out var value) && System.Net.IPAddress.TryParse(value.ToString(), out var address))
            {
                http.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(http);
        });
        next(app);
    };
}
