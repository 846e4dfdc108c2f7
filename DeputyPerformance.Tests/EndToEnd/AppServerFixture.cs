using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace DeputyPerformance.Tests.EndToEnd;

/// <summary>
/// Starts the real, built app as a child process on a free 127.0.0.1 port with a fresh SQLite file
/// (Development: the demo county is seeded), and one headless Debian Chromium driven by Playwright.
/// </summary>
public sealed class AppServerFixture : IAsyncLifetime
{
    private Process? _server;
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"dp-e2e-{Guid.NewGuid():N}.db");
    private readonly List<string> _serverOutput = [];
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    public string DatabasePath => _databasePath;

    /// <summary>More environment for the app's process (set before <see cref="InitializeAsync"/>; a measurement's switches).</summary>
    public Dictionary<string, string> AppEnvironment { get; } = [];

    /// <summary>The app's process (measurements read its memory).</summary>
    public int ServerProcessId => _server?.Id ?? 0;

    public async Task InitializeAsync()
    {
        var appFolder = EndToEndPaths.AppBuildFolder();
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(appFolder, "DeputyPerformance.App.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={_databasePath}";
        start.Environment["SeedDemoData"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in AppEnvironment)
        {
            start.Environment[name] = value;
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        _server.OutputDataReceived += (_, e) => Record(e.Data);
        _server.ErrorDataReceived += (_, e) => Record(e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await WaitUntilAnsweringAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = EndToEndPaths.Chromium(),
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
            ],
        });
    }

    /// <summary>A new browser context (own cookies) with a page, Chinese locale and a phone or desktop viewport.</summary>
    public async Task<IPage> NewPageAsync(int width = 1400, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        // A CI machine of 2 cores may be busy: an expectation waits as long as an action may (a real failure still fails).
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        return await context.NewPageAsync();
    }

    public string ServerOutput()
    {
        lock (_serverOutput)
        {
            return string.Join(Environment.NewLine, _serverOutput.TakeLast(80));
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_serverOutput)
        {
            _serverOutput.Add(line);
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_server.ExitCode}:{Environment.NewLine}{ServerOutput()}");
            }

            try
            {
                var response = await http.GetAsync($"{BaseUrl}/account/login");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting (migrating and seeding).
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The app did not answer within 90 s:{Environment.NewLine}{ServerOutput()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<AppServerFixture>
{
    public const string Name = "End to end";
}
