using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DeputyPerformance.Tests.EndToEnd;

/// <summary>
/// A scripted measurement, not a test of a target (targets are measured, never asserted on a shared machine): run
/// with DP_MEASURE=circuits. It starts the app (demo county), opens 40 signed-in tabs on the ranking board,
/// each with its own cookies and circuit, and reports per idle circuit the app's resident memory (settled, and after a
/// forced full collection) and its managed heap (after a forced full collection, through the app's
/// <c>/diagnostics/memory</c>, switched on only here), and how long the board and the duty grid take to show data with
/// those circuits open. Results go to the test output and to TestResults/circuit-memory.txt. With DP_GCDUMP set to
/// the path of a dotnet-gcdump executable it also writes heap dumps before and after to TestResults
/// (<c>dotnet-gcdump report</c> lists what the circuits hold by type).
/// </summary>
public sealed class CircuitMemoryMeasurement(ITestOutputHelper output)
{
    private const int Tabs = 40;

    [MeasurementFact("circuits")]
    public async Task FortySignedInTabsOnTheRankingBoard()
    {
        var app = new AppServerFixture();
        app.AppEnvironment["Diagnostics__MemoryEndpoint"] = "true";
        await app.InitializeAsync();
        var results = Path.GetDirectoryName(Path.GetDirectoryName(EndToEndPaths.ScreenshotPath("x"))!)!;
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            // Warm up: one tab on each page (JIT, EF model, caches), kept open as part of the base line.
            var warm = await app.NewPageAsync();
            await warm.SignInAsync("county.clerk");
            await ShowAsync(warm, "/scores", "ranking-grid");
            await ShowAsync(warm, "/duties", "duty-grid");
            await ShowAsync(warm, "/scores", "ranking-grid");
            var before = await SettledRssAsync(app.ServerProcessId);
            var heapBefore = await SnapshotAsync(http);
            await GcDumpAsync(app.ServerProcessId, Path.Combine(results, "circuits-before.gcdump"));

            var tabs = new List<IPage>();
            var opened = new List<double>();
            for (var i = 0; i < Tabs; i++)
            {
                // Signed in straight onto the board: one circuit per tab (a full navigation after the sign-in would
                // leave the home page's circuit retained, disconnected, for minutes).
                var page = await app.NewPageAsync();
                await page.GotoAsync("/account/login?returnUrl=%2Fscores");
                await page.GetByTestId("login-user").FillAsync("county.clerk");
                await page.GetByTestId("login-password").FillAsync(PageExtensions.DemoPassword);
                var watch = Stopwatch.StartNew();
                await page.GetByTestId("login-submit").ClickAsync();
                await page.WaitForInteractiveAsync();
                await page.GetByTestId("ranking-grid").Locator("tbody tr td:nth-child(4)").First.WaitForAsync();
                opened.Add(watch.Elapsed.TotalMilliseconds);
                tabs.Add(page);
            }

            var after = await SettledRssAsync(app.ServerProcessId);
            var heapAfter = await SnapshotAsync(http);
            await GcDumpAsync(app.ServerProcessId, Path.Combine(results, "circuits-after.gcdump"));
            var probe = await app.NewPageAsync();
            await probe.SignInAsync("county.clerk");
            var scores = new List<double>();
            var duties = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                scores.Add(await ShowAsync(probe, "/scores", "ranking-grid"));
                duties.Add(await ShowAsync(probe, "/duties", "duty-grid"));
            }

            var load = (await File.ReadAllTextAsync("/proc/loadavg")).Trim();
            var report = string.Create(CultureInfo.InvariantCulture, $"""
                circuits: {Tabs} signed-in tabs on /scores (county.clerk, demo county)
                open circuits (the app's count): before {heapBefore.OpenCircuits}, after {heapAfter.OpenCircuits}; server GC: {heapAfter.ServerGc}
                app resident memory, settled: before {before / 1024.0:F1} MB, after {after / 1024.0:F1} MB, per idle circuit {(after - before) / (double)Tabs:F0} KB
                after a forced full collection: managed heap before {heapBefore.ManagedHeapBytes / 1048576.0:F1} MB, after {heapAfter.ManagedHeapBytes / 1048576.0:F1} MB, per idle circuit {(heapAfter.ManagedHeapBytes - heapBefore.ManagedHeapBytes) / 1024.0 / Tabs:F0} KB
                after a forced full collection: GC committed before {heapBefore.HeapCommittedBytes / 1048576.0:F1} MB, after {heapAfter.HeapCommittedBytes / 1048576.0:F1} MB, per idle circuit {(heapAfter.HeapCommittedBytes - heapBefore.HeapCommittedBytes) / 1024.0 / Tabs:F0} KB
                after a forced full collection: resident before {heapBefore.ResidentBytes / 1048576.0:F1} MB, after {heapAfter.ResidentBytes / 1048576.0:F1} MB, per idle circuit {(heapAfter.ResidentBytes - heapBefore.ResidentBytes) / 1024.0 / Tabs:F0} KB
                signing a tab in onto /scores until it shows data: median {Median(opened):F0} ms
                with {Tabs} circuits open: /scores shows data in median {Median(scores):F0} ms, /duties in median {Median(duties):F0} ms (5 each)
                machine load (1, 5, 15 min): {load}
                """);
            output.WriteLine(report);
            await File.WriteAllTextAsync(Path.Combine(results, "circuit-memory.txt"), report);
            Assert.Equal(Tabs, opened.Count);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>Navigates and waits until the grid shows data rows; returns the milliseconds it took.</summary>
    private static async Task<double> ShowAsync(IPage page, string url, string grid)
    {
        var watch = Stopwatch.StartNew();
        await page.GotoInteractiveAsync(url);
        // Data rows have many cells; the "no records" row has one.
        await page.GetByTestId(grid).Locator("tbody tr td:nth-child(4)").First.WaitForAsync();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>VmRSS of the app in KB, read after the circuits have been idle for a few seconds.</summary>
    private static async Task<long> SettledRssAsync(int pid)
    {
        await Task.Delay(TimeSpan.FromSeconds(5));
        var line = (await File.ReadAllLinesAsync($"/proc/{pid}/status")).First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>The app's managed heap and resident memory after a forced full collection, and its open circuits.</summary>
    private static async Task<MemorySnapshot> SnapshotAsync(HttpClient http) =>
        await http.GetFromJsonAsync<MemorySnapshot>("/diagnostics/memory") ?? throw new InvalidOperationException("No memory snapshot.");

    /// <summary>A heap dump by type when DP_GCDUMP names the dotnet-gcdump tool; nothing otherwise.</summary>
    private static async Task GcDumpAsync(int pid, string file)
    {
        if (Environment.GetEnvironmentVariable("DP_GCDUMP") is not { Length: > 0 } tool)
        {
            return;
        }

        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet-gcdump did not start.");
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
    }

    private sealed record MemorySnapshot(long ManagedHeapBytes, long HeapCommittedBytes, long ResidentBytes, int OpenCircuits, bool ServerGc);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}

/// <summary>A measurement that runs only when DP_MEASURE names it (and Chromium is there).</summary>
public sealed class MeasurementFactAttribute : FactAttribute
{
    public MeasurementFactAttribute(string name)
    {
        if (!string.Equals(Environment.GetEnvironmentVariable("DP_MEASURE"), name, StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"A measurement: run with DP_MEASURE={name}.";
        }
        else if (EndToEndPaths.FindChromium() is null)
        {
            Skip = "Chromium is not installed.";
        }
    }
}
