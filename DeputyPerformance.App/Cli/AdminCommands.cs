using System.Text;
using DeputyPerformance.App.Hosting;
using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Seeding;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.App.Cli;

/// <summary>
/// The admin verbs, for the people who run the server. Each runs against the configured database and exits:
/// 0 on success, 1 when the work failed, 2 for a wrong command line. Messages are plain English for logs and scripts.
/// </summary>
public static class AdminCommands
{
    public const string Usage = """
        DeputyPerformance admin commands

        Usage: dotnet run --project DeputyPerformance.App -- <verb> [options] [--ConnectionStrings:Default=...]

          migrate                      create or upgrade the database schema
          seed-demo [--force]          fill an empty database with the demo county and demo accounts
                                       (outside Development only with --force: the demo password is public)
          create-admin --user NAME     create an administrator; the password is read from standard input
                                       when it is redirected, else prompted for twice
          import-logs FILE             import duty logs from .csv or .xlsx (domain.md section 7); all or nothing
          export-scores --year Y --out F
                                       write year Y's score sheet to F (.csv or .xlsx, contract columns)
          rebuild-scores --year Y      sum year Y's totals again from its approved logs and recompute its scores
          export-evaluations --year Y --out F
                                       write year Y's department evaluations to F (.csv or .xlsx, contract columns)
          export-exit-flags [--year Y] --out F
                                       bring the exit flags up to date and write them (all years, or year Y) to F
                                       (.csv or .xlsx, contract columns)
          import-suggestions FILE      import deputies' suggestions from .csv or .xlsx (domain.md section 7); all or
                                       nothing, row errors on stderr; suggestions already stored are left unchanged
          export-suggestions --year Y --out F
                                       write year Y's suggestions to F (.csv or .xlsx, contract columns)
          generate-scale-data [--deputies N] [--logs N] [--seed S]
                                       fill an EMPTY database with synthetic deputies and duty logs
                                       (defaults 50000, 10000000, 2016; deterministic)
          import-roster FILE           import the deputy roster (.csv UTF-8/GB18030 or .xlsx; docs/roster-format.md);
                                       all rows or none, row errors on stderr
          backup --out F               write the database (online copy), the evidence files and a manifest to
                                       the zip F (SQLite; the ballot secret is not included)
          restore FILE [--force]       restore a backup into an empty database (--force replaces existing data);
                                       checks every evidence file against its recorded hash
          verify-audit                 walk the audit trail's hash chain; exit 0 when intact, 1 naming the
                                       first altered, inserted or missing entry
          --help                       this text

        The database is the configuration key ConnectionStrings:Default
        (also the environment variable ConnectionStrings__Default).
        """;

    public static async Task<int> RunAsync(WebApplicationBuilder builder, AdminCommandLine commandLine, TextWriter? output = null, TextReader? input = null)
    {
        output ??= Console.Out;
        if (commandLine.Verb == "help")
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        if (!AdminCommandLine.Verbs.Contains(commandLine.Verb))
        {
            await Console.Error.WriteLineAsync($"Unknown command '{commandLine.Verb}'. Run with --help for the list.");
            return 2;
        }

        // A verb prints its own result; the framework's information logs would bury it.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        });
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        try
        {
            // Nothing else runs before the verb: an up-to-date file is recognised without EF's model, and the roles
            // are ensured by the verbs that create accounts (AccountService.CreateUserAsync) and by the web start.
            await DatabaseSetup.MigrateAsync(services.GetRequiredService<IDbContextFactory<DeputyDbContext>>());
            switch (commandLine.Verb)
            {
                case "migrate":
                    await output.WriteLineAsync("Database is up to date.");
                    return 0;
                case "seed-demo" when !app.Environment.IsDevelopment() && !commandLine.Flag("--force"):
                    // The demo accounts share a published password: never on a real server by accident.
                    await Console.Error.WriteLineAsync("seed-demo creates accounts with a published password; outside Development add --force.");
                    return 2;
                case "seed-demo":
                    var seeded = await services.GetRequiredService<DemoCountySeeder>().SeedAsync();
                    await output.WriteLineAsync(seeded ? "Demo county seeded." : "The database already holds data; nothing was seeded.");
                    return seeded ? 0 : 1;
                case "create-admin":
                    return await CreateAdminAsync(services, commandLine, output, input ?? Console.In);
                case "verify-audit":
                    return await VerifyAuditAsync(services, output);
                case "import-roster":
                    return await RosterCommands.ImportAsync(services, commandLine, output);
                case "export-evaluations":
                    return await EvaluationCommands.ExportAsync(services, commandLine, output);
                case "export-exit-flags":
                    return await ExitCommands.ExportAsync(services, commandLine, output);
                case "import-suggestions" or "export-suggestions":
                    return await SuggestionCommands.RunAsync(services, commandLine, output);
                case "backup" or "restore":
                    return await BackupCommands.RunAsync(services, commandLine, output);
                case "import-logs" or "export-scores" or "generate-scale-data" or "rebuild-scores":
                    return await DutyCommands.RunAsync(services, commandLine, output);
                default:
                    return 2;
            }
        }
        catch (DomainException ex)
        {
            await Console.Error.WriteLineAsync($"Error: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            await Console.Error.WriteLineAsync($"Error: {ex.GetBaseException().Message}");
            return 1;
        }
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider services, AdminCommandLine commandLine, TextWriter output, TextReader input)
    {
        var user = commandLine.Option("--user");
        if (string.IsNullOrWhiteSpace(user))
        {
            await Console.Error.WriteLineAsync("create-admin needs --user NAME.");
            return 2;
        }

        string? password;
        if (Console.IsInputRedirected || input != Console.In)
        {
            password = (await input.ReadLineAsync())?.TrimEnd('\r', '\n');
        }
        else
        {
            password = ReadHidden("Password: ");
            if (ReadHidden("Repeat password: ") != password)
            {
                await Console.Error.WriteLineAsync("The passwords differ.");
                return 1;
            }
        }

        if (string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync("No password was given.");
            return 2;
        }

        var accounts = services.GetRequiredService<AccountService>();
        await accounts.CreateUserAsync(Caller.System, new NewUserInput { UserName = user, DisplayName = user, Password = password, Role = Roles.Administrator });
        await output.WriteLineAsync($"Administrator '{user}' created.");
        return 0;
    }

    private static async Task<int> VerifyAuditAsync(IServiceProvider services, TextWriter output)
    {
        var result = await services.GetRequiredService<Domain.Auditing.AuditService>().VerifyAsync();
        if (result.Intact)
        {
            await output.WriteLineAsync($"Audit trail intact: {result.Rows} entries, head hash {result.HeadHash}.");
            return 0;
        }

        await output.WriteLineAsync($"Audit trail BROKEN at entry {result.FirstBrokenSequence}: {result.Problem}.");
        return 1;
    }

    private static string ReadHidden(string prompt)
    {
        Console.Write(prompt);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace && text.Length > 0)
            {
                text.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
