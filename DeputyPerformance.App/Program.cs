using DeputyPerformance.App.Cli;
using DeputyPerformance.App.Hosting;

// One executable, two faces: an admin verb (migrate, seed-demo, create-admin...) runs and exits
// without starting the web server; anything else serves the app.
var commandLine = AdminCommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = commandLine.ConfigurationArgs,
    ContentRootPath = FindContentRoot(args),
});
builder.AddDeputyPerformance();

if (commandLine.Verb is not null)
{
    return await AdminCommands.RunAsync(builder, commandLine);
}

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseDeputyPerformance();
await app.RunAsync();
return 0;

// `dotnet run --project DeputyPerformance.App` starts in the caller's folder; the content root
// (appsettings, wwwroot, the default database folder) is the project folder when one is found there.
// Null keeps the host's default (the current folder) and lets an explicit content root win:
// --contentRoot, ASPNETCORE_CONTENTROOT, or a test host (WebApplicationFactory sets the project folder).
static string? FindContentRoot(string[] args)
{
    var cwd = Directory.GetCurrentDirectory();
    if (File.Exists(Path.Combine(cwd, "appsettings.json"))
        || args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
        || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is not null)
    {
        return null;
    }

    var project = Path.Combine(cwd, "DeputyPerformance.App");
    return File.Exists(Path.Combine(project, "appsettings.json")) ? project : null;
}

public partial class Program;
