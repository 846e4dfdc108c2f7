using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DeputyPerformance.Tests.Persistence;

/// <summary>One migration set per engine, generated from the same model (decision 0070).</summary>
public sealed class MigrationSetTests
{
    private static DeputyDbContext Context(DatabaseProvider provider)
    {
        var services = new ServiceCollection().AddLogging()
            .AddDeputyDatabase(provider == DatabaseProvider.PostgreSQL ? "Host=127.0.0.1;Database=unused" : "Data Source=:memory:", provider)
            .BuildServiceProvider();
        return services.GetRequiredService<IDbContextFactory<DeputyDbContext>>().CreateDbContext();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSQL)]
    public void EachEnginesMigrationSetHasNoPendingModelChanges(DatabaseProvider provider)
    {
        using var db = Context(provider);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes without a {provider} migration: run scripts/add-migration NAME (README, developer section).");
    }

    [Fact]
    public void EachEngineSeesOnlyItsOwnMigrations()
    {
        using var sqlite = Context(DatabaseProvider.Sqlite);
        using var postgres = Context(DatabaseProvider.PostgreSQL);
        var sqliteIds = sqlite.Database.GetMigrations().ToList();
        var postgresIds = postgres.Database.GetMigrations().ToList();

        Assert.Contains(sqliteIds, id => id.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.Contains(postgresIds, id => id.EndsWith("_PostgreSqlInitial", StringComparison.Ordinal));
        Assert.Empty(sqliteIds.Intersect(postgresIds));
        Assert.Equal(sqliteIds.Order(StringComparer.Ordinal), DatabaseSetup.MigrationIds(DatabaseProvider.Sqlite));
        Assert.Equal(postgresIds.Order(StringComparer.Ordinal), DatabaseSetup.MigrationIds(DatabaseProvider.PostgreSQL));
    }

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("", DatabaseProvider.Sqlite)]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    [InlineData("PostgreSQL", DatabaseProvider.PostgreSQL)]
    [InlineData("postgres", DatabaseProvider.PostgreSQL)]
    public void TheProviderIsReadFromTheConfigurationValue(string? value, DatabaseProvider expected) =>
        Assert.Equal(expected, DatabaseSetup.ParseProvider(value));

    [Fact]
    public void AnUnknownProviderIsRefusedWithTheKnownNames()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => DatabaseSetup.ParseProvider("Oracle"));
        Assert.Contains("PostgreSQL", ex.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task MigrateCreatesThePostgreSqlSchemaOnAnEmptyDatabaseAndASecondRunFindsItUpToDate()
    {
        var cs = await PostgresServer.CreateEmptyDatabaseAsync();
        try
        {
            await using var services = new ServiceCollection().AddLogging().AddDeputyDatabase(cs, DatabaseProvider.PostgreSQL).BuildServiceProvider();
            var factory = services.GetRequiredService<IDbContextFactory<DeputyDbContext>>();
            await DatabaseSetup.MigrateAsync(factory);
            await DatabaseSetup.MigrateAsync(factory);

            var health = await DatabaseSetup.CheckAsync(factory);
            Assert.True(health.Healthy);
            await using var connection = new NpgsqlConnection(cs);
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
            Assert.Equal((long)DatabaseSetup.MigrationIds(DatabaseProvider.PostgreSQL).Count, (long)(await cmd.ExecuteScalarAsync())!);
            cmd.CommandText = "SELECT count(*) FROM information_schema.tables WHERE table_name = 'DutyLogs'";
            Assert.Equal(1L, (long)(await cmd.ExecuteScalarAsync())!);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(cs);
        }
    }
}
