namespace DeputyPerformance.Tests.EndToEnd;

public static class EndToEndPaths
{
    public static string SolutionFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DeputyPerformance.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("DeputyPerformance.sln not found above the test folder.");
    }

    /// <summary>The app's build output of the same configuration as the tests (bin/Debug or bin/Release).</summary>
    public static string AppBuildFolder()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var folder = Path.Combine(SolutionFolder(), "DeputyPerformance.App", "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(folder, "DeputyPerformance.App.dll"))
            ? folder
            : throw new InvalidOperationException($"The app is not built at {folder}.");
    }

    public static string? FindChromium()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
    }

    public static string Chromium() =>
        FindChromium() ?? throw new InvalidOperationException("Chromium not found: install Debian's chromium or set CHROMIUM_PATH.");

    /// <summary>Screenshots land in TestResults/screenshots under the solution, for a person to look at.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(SolutionFolder(), "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }
}

/// <summary>
/// An end-to-end test. On a developer machine without Chromium it is skipped with the reason shown;
/// in CI (CI=true) it always runs, so a missing browser fails the build instead of hiding the tests.
/// </summary>
public sealed class EndToEndFactAttribute : FactAttribute
{
    public EndToEndFactAttribute()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!inCi && EndToEndPaths.FindChromium() is null)
        {
            Skip = "Chromium is not installed (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH); .ci/run installs it.";
        }
    }
}
