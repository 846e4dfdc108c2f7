using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Domain.Exits;

/// <summary>
/// "An open exit case" for the excellence shortlist: a case opened before the end of the year that is still open now.
/// A flag alone is no case, and a dismissed or closed case no longer excludes anyone.
/// </summary>
public sealed class OpenExitCases(IDbContextFactory<DeputyDbContext> factory) : IOpenExitCases
{
    public async Task<IReadOnlySet<int>> DeputyIdsAsync(int year, CancellationToken ct)
    {
        var end = new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.ExitCases.AsNoTracking()
            .Where(c => c.State != ExitCaseState.Closed && c.State != ExitCaseState.Dismissed && c.OpenedUtc < end)
            .Select(c => c.DeputyId).Distinct().ToListAsync(ct)).ToHashSet();
    }
}
