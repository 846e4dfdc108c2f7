using DeputyPerformance.App.Cli;
using DeputyPerformance.App.Hosting;

// One executable, two faces: an admin verb (migrate, seed-demo, create-admin...) runs and exits
// without starting the web server; anything else serves the app.
var commandLine = AdminCommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = commandLine.ConfigurationArgs,
    ContentRootPath = FindContentRoot(),
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
static string? FindContentRoot()
{
    var cwd = Directory.GetCurrentDirectory();
    if (File.Exists(Path.Combine(cwd, "appsettings.json")))
    {
        return cwd;
    }

    var project = Path.Combine(cwd, "DeputyPerformance.App");
    return File.Exists(Path.Combine(project, "appsettings.json")) ? project : null;
}

public partial class Program;
