using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.App.Hosting;

/// <summary>/healthz for a load balancer or a monitor: 200 when the database answers and every migration is applied, else 503.</summary>
public static class HealthEndpoints
{
    public static void MapHealthEndpoint(this WebApplication app) =>
        app.MapGet("/healthz", async (IDbContextFactory<DeputyDbContext> factory, CancellationToken ct) =>
        {
            var health = await DatabaseSetup.CheckAsync(factory, ct);
            return Results.Json(new { status = health.Healthy ? "healthy" : "unhealthy", database = health.Reachable, pendingMigrations = health.PendingMigrations },
                statusCode: health.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().DisableAntiforgery();
}
