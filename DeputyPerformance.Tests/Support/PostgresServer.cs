using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DeputyPerformance.Tests.Support;

/// <summary>
/// The PostgreSQL server of a test run, chosen by the environment variable DP_TEST_POSTGRES:
/// <c>1</c> starts a throwaway cluster from the local server binaries (initdb into a temp folder, pg_ctl on a free
/// loopback port, as the postgres user when the process is root: initdb refuses root), stopped and deleted when the
/// test process exits; a connection string uses that server (its user may create databases). Unset: no server,
/// and the PostgreSQL tests are skipped (<see cref="PostgresFactAttribute"/>). Every database a test creates is a
/// copy of one migrated template, so a test database costs a file copy instead of a migration.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "DP_TEST_POSTGRES";

    // Npgsql reads its timestamp mapping once, at its first use: before this class opens any connection (decision 71).
    static PostgresServer() => PostgreSqlSetup.UseLegacyTimestamps();

    private static readonly Lazy<Task<string>> Server = new(StartAsync);
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static bool _templateReady;

    /// <summary>Whether this run has a PostgreSQL server (the variable is set).</summary>
    public static bool Configured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable));

    /// <summary>Why the PostgreSQL tests are skipped on this machine.</summary>
    public const string SkipReason =
        "PostgreSQL is not configured: set DP_TEST_POSTGRES=1 (server binaries under /usr/lib/postgresql/*/bin, apt-get install postgresql) " +
        "or DP_TEST_POSTGRES=<connection string>; .ci/run does.";

    /// <summary>The connection string of the server's maintenance database (postgres).</summary>
    public static Task<string> AdminConnectionStringAsync() => Server.Value;

    /// <summary>A new, empty and migrated database; drop it with <see cref="DropDatabaseAsync"/>.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await Server.Value;
        await EnsureTemplateAsync(admin);
        var name = $"dp_test_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" TEMPLATE dp_template");
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    /// <summary>A new database without any table (for the migration tests).</summary>
    public static async Task<string> CreateEmptyDatabaseAsync()
    {
        var admin = await Server.Value;
        var name = $"dp_test_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var c = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(c);
        }

        await ExecuteAsync(await Server.Value, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task EnsureTemplateAsync(string admin)
    {
        if (_templateReady) return;
        await TemplateLock.WaitAsync();
        try
        {
            if (_templateReady) return;
            await ExecuteAsync(admin, "DROP DATABASE IF EXISTS dp_template WITH (FORCE)");
            await ExecuteAsync(admin, "CREATE DATABASE dp_template");
            var template = new NpgsqlConnectionStringBuilder(admin) { Database = "dp_template" }.ToString();
            var services = new ServiceCollection().AddLogging().AddDeputyDatabase(template, DatabaseProvider.PostgreSQL).BuildServiceProvider();
            await using (services)
            {
                await DatabaseSetup.MigrateAsync(services.GetRequiredService<IDbContextFactory<DeputyDbContext>>());
            }

            await using (var c = new NpgsqlConnection(template))
            {
                NpgsqlConnection.ClearPool(c);
            }

            _templateReady = true;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartAsync()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(SkipReason);
        }

        if (value.Contains('='))
        {
            return new NpgsqlConnectionStringBuilder(value) { Database = "postgres", Pooling = true }.ToString();
        }

        return await ThrowawayCluster.StartAsync();
    }

    /// <summary>initdb + pg_ctl into a temp folder; stopped and deleted when the process exits.</summary>
    private static class ThrowawayCluster
    {
        public static async Task<string> StartAsync()
        {
            var bin = FindBinaries() ?? throw new InvalidOperationException(
                "DP_TEST_POSTGRES=1 but no PostgreSQL server binaries were found (apt-get install postgresql, or set DP_PG_BIN).");
            // Clusters of earlier runs whose server is gone (a test process killed before its exit handler ran).
            foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), "dp-pg-*")
                         .Where(d => !File.Exists(Path.Combine(d, "data", "postmaster.pid"))))
            {
                try
                {
                    Directory.Delete(stale, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Someone else's: left alone.
                }
            }

            var root = Directory.CreateTempSubdirectory("dp-pg-").FullName;
            var data = Path.Combine(root, "data");
            var asRoot = Environment.UserName == "root";
            if (asRoot)
            {
                await RunAsync("chown", ["postgres", root]);
            }

            await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], asRoot);
            var port = FreePort();
            var options = $"-c listen_addresses=127.0.0.1 -p {port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off " +
                          $"-c unix_socket_directories='' -c max_connections=200";
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(root, "server.log"), "-w", "start"], asRoot);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    NpgsqlConnection.ClearAllPools();
                    RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], asRoot).GetAwaiter().GetResult();
                    Directory.Delete(root, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
                {
                    // Left to the OS temp cleaner.
                }
            };
            return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";
        }

        private static string? FindBinaries()
        {
            if (Environment.GetEnvironmentVariable("DP_PG_BIN") is { Length: > 0 } configured) return configured;
            const string debian = "/usr/lib/postgresql";
            if (!Directory.Exists(debian)) return null;
            return Directory.GetDirectories(debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault();
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static async Task RunAsync(string file, string[] args, bool asPostgres = false)
        {
            var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (asPostgres)
            {
                foreach (var a in new[] { "-u", "postgres", "--", file }) start.ArgumentList.Add(a);
            }

            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
            }
        }
    }
}

/// <summary>
/// A test that needs PostgreSQL: skipped, with the reason shown, when the run has no server (DP_TEST_POSTGRES
/// unset); in CI (CI=true) never skipped, so a missing server fails instead of hiding the tests.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!inCi && !PostgresServer.Configured)
        {
            Skip = PostgresServer.SkipReason;
        }
    }
}

/// <summary>The engine of the database tests in this run: DP_TEST_ENGINE=PostgreSQL puts them all on the test server.</summary>
public static class TestEngine
{
    public const string Variable = "DP_TEST_ENGINE";

    public static DatabaseProvider Current { get; } = DatabaseSetup.ParseProvider(Environment.GetEnvironmentVariable(Variable));
}
