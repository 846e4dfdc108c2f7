namespace DeputyPerformance.Tests.Support;

/// <summary>The folder holding DeputyPerformance.sln, found by walking up from the test binaries.</summary>
public static class SolutionFolder
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "DeputyPerformance.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"DeputyPerformance.sln not found above {AppContext.BaseDirectory}.");
    }
}
