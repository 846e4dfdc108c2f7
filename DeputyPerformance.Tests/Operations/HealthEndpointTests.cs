using System.Net;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DeputyPerformance.Tests.Operations;

/// <summary>/healthz answers without sign-in: healthy when the database answers with every migration applied.</summary>
public sealed class HealthEndpointTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task HealthzIsHealthyWithoutSignInWhenTheDatabaseIsMigrated()
    {
        var response = await app.NewClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"pendingMigrations\":0", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ADatabaseThatLacksAMigrationIsUnhealthy()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var connection = new SqliteConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM __EFMigrationsHistory WHERE MigrationId = (SELECT MAX(MigrationId) FROM __EFMigrationsHistory)";
            await command.ExecuteNonQueryAsync();
        }

        var health = await DatabaseSetup.CheckAsync(db.Factory);

        Assert.Equal((true, 1, false), (health.Reachable, health.PendingMigrations, health.Healthy));
    }
}
