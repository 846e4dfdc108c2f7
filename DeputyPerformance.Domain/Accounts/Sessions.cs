using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Domain.Accounts;

/// <summary>
/// Ends every open session of an account at once. Domain code that takes a user's rights away (a mandate
/// suspended or terminated, an account disabled, a password changed) calls this; the exit procedure calls the same.
/// </summary>
public interface ISessionRevoker
{
    /// <summary>Every session of this account ends: its security stamp changes, so no cookie issued before is accepted.</summary>
    Task EndSessionsOfUserAsync(string userId, CancellationToken ct = default);

    /// <summary>Every session of the accounts linked to this deputy record ends.</summary>
    Task EndSessionsOfDeputyAsync(int deputyId, CancellationToken ct = default);
}

/// <summary>
/// Sessions are cookies that carry the account's security stamp. A session is valid while the stamp in the cookie is
/// the account's current one, the account is neither disabled nor locked out, and a linked deputy still holds an active
/// mandate. The host asks <see cref="IsValidAsync"/> on every request and on every interaction of an open page.
/// </summary>
public sealed class Sessions(IDbContextFactory<DeputyDbContext> factory, TimeProvider clock) : ISessionRevoker
{
    public async Task EndSessionsOfUserAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var stamp = NewStamp();
        var concurrency = NewStamp();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.SecurityStamp, stamp)
            .SetProperty(u => u.ConcurrencyStamp, concurrency), ct);
    }

    public async Task EndSessionsOfDeputyAsync(int deputyId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        foreach (var id in await db.Users.Where(u => u.DeputyId == deputyId).Select(u => u.Id).ToListAsync(ct))
        {
            await EndSessionsOfUserAsync(id, ct);
        }
    }

    /// <summary>One indexed look-up: the stamp, the disabled flag, the lockout and the linked deputy's status.</summary>
    public async Task<bool> IsValidAsync(string? userId, string? securityStamp, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(securityStamp))
        {
            return false;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var state = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.SecurityStamp, u.IsDisabled, u.LockoutEnd, u.DeputyId,
                DeputyStatus = db.Deputies.Where(d => d.Id == u.DeputyId).Select(d => (DeputyStatus?)d.Status).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        return state is not null
               && state.SecurityStamp == securityStamp
               && !state.IsDisabled
               && !(state.LockoutEnd is { } end && end > clock.GetUtcNow())
               && (state.DeputyId is null || state.DeputyStatus == DeputyStatus.Active);
    }

    /// <summary>Only an active mandate lets a deputy sign in and write for himself; suspended and terminated ones may not.</summary>
    public static bool MandateAllows(DeputyStatus? status) => status == DeputyStatus.Active;

    private static string NewStamp() => Guid.NewGuid().ToString("N").ToUpperInvariant();
}
