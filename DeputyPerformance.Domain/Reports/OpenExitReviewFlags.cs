using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Domain.Reports;

/// <summary>
/// Until the exit procedure has its own cases, an open exit-review flag is what "an open exit case" means for the
/// excellence shortlist: a deputy under review is not proposed. Flags raised up to the end of the year count.
/// </summary>
public sealed class OpenExitReviewFlags(IDbContextFactory<DeputyDbContext> factory) : IOpenExitCases
{
    public async Task<IReadOnlySet<int>> DeputyIdsAsync(int year, CancellationToken ct)
    {
        var end = new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.ExitReviewFlags.AsNoTracking().Where(f => f.Status == FlagStatus.Open && f.CreatedUtc < end)
            .Select(f => f.DeputyId).Distinct().ToListAsync(ct)).ToHashSet();
    }
}
