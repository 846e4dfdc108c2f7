using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DeputyPerformance.Tests.EndToEnd;

/// <summary>
/// One running app node: the built App dll as a child process on its own free 127.0.0.1 port, started the way
/// <see cref="AppServerFixture"/> starts it (working directory the app folder), with the given settings as
/// environment variables (e.g. <c>ConnectionStrings__Default</c>). Dispose kills its process tree.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private AppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var appFolder = EndToEndPaths.AppBuildFolder();
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(appFolder, "DeputyPerformance.App.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var node = new AppProcess(Process.Start(start) ?? throw new InvalidOperationException("The app did not start."), baseUrl);
        node._process.OutputDataReceived += (_, e) => node.Record(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.Record(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        await node.WaitUntilHealthyAsync();
        return node;
    }

    public string Output()
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output.TakeLast(80));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Add(line);
        }
    }

    /// <summary>Waits for /healthz to answer 200 (database reachable, every migration applied), as a load balancer would.</summary>
    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app at {BaseUrl} exited with {_process.ExitCode}:{Environment.NewLine}{Output()}");
            }

            try
            {
                if ((await http.GetAsync($"{BaseUrl}/healthz")).StatusCode == HttpStatusCode.OK) return;
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

        throw new TimeoutException($"The app at {BaseUrl} was not healthy within 120 s:{Environment.NewLine}{Output()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
