using DeputyPerformance.Domain.Persistence;

namespace DeputyPerformance.Domain.Duties;

/// <summary>
/// Another feature that follows the approved logs (the exit flags): called inside the writer's transaction, on its
/// context, right after the yearly totals were updated, with the deputies whose approved logs changed.
/// </summary>
public interface IApprovedLogsObserver
{
    Task OnApprovedLogsChangedAsync(DeputyDbContext db, IReadOnlyCollection<int> deputyIds, CancellationToken ct);
}
