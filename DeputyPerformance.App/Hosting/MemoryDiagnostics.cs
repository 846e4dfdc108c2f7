using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DeputyPerformance.App.Hosting;

/// <summary>
/// For the circuit memory measurement only (configuration <c>Diagnostics:MemoryEndpoint</c>, off by default):
/// <c>GET /diagnostics/memory</c> forces a full compacting collection and answers the managed heap, the process's
/// resident memory and the number of open circuits, so a measurement counts what the circuits hold, not garbage
/// not yet collected. Answers only requests from the machine itself.
/// </summary>
public static class MemoryDiagnostics
{
    public const string Setting = "Diagnostics:MemoryEndpoint";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(Setting, false);

    public static void AddMemoryDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        if (IsEnabled(configuration))
        {
            services.AddSingleton<CircuitCounter>();
            services.AddScoped<CircuitHandler, CountingCircuitHandler>();
        }
    }

    public static void MapMemoryDiagnostics(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration))
        {
            return;
        }

        app.MapGet("/diagnostics/memory", (HttpContext http, CircuitCounter circuits) =>
        {
            if (http.Connection.RemoteIpAddress is not { } address || !System.Net.IPAddress.IsLoopback(address))
            {
                return Results.NotFound();
            }

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            using var process = Process.GetCurrentProcess();
            return Results.Json(new
            {
                managedHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
                heapCommittedBytes = info.TotalCommittedBytes,
                residentBytes = process.WorkingSet64,
                openCircuits = circuits.Open,
                serverGc = System.Runtime.GCSettings.IsServerGC,
            });
        }).AllowAnonymous().DisableAntiforgery();
    }

    /// <summary>Open circuits of the process (connected or retained while disconnected).</summary>
    public sealed class CircuitCounter
    {
        private int _open;

        public int Open => Volatile.Read(ref _open);

        public void Opened() => Interlocked.Increment(ref _open);

        public void Closed() => Interlocked.Decrement(ref _open);
    }

    private sealed class CountingCircuitHandler(CircuitCounter counter) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            counter.Opened();
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            counter.Closed();
            return Task.CompletedTask;
        }
    }
}
