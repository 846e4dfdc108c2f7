using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Domain.Auditing;

/// <summary>What <c>verify-audit</c> found: intact, or the first broken entry and how it is broken.</summary>
public sealed record AuditVerification(bool Intact, long Rows, long? FirstBrokenSequence, string? Problem, string HeadHash);

/// <summary>
/// The hash chain of the audit trail (docs/decisions/0027). Hash = SHA-256 over the entry's sequence, time, user,
/// action, entity, key, changes and the previous entry's hash, each field length-prefixed so no two entries share an input.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string Genesis = "";

    public static string HashOf(AuditEntry e) => HashOf(e.Sequence, e.AtUtc, e.UserName, e.Action, e.EntityType, e.EntityId, e.Changes, e.PreviousHash);

    public static string HashOf(long sequence, DateTime atUtc, string userName, string action, string entityType, string entityId, string changes, string previousHash)
    {
        var text = new StringBuilder();
        foreach (var field in new[]
                 {
                     sequence.ToString(CultureInfo.InvariantCulture), atUtc.Ticks.ToString(CultureInfo.InvariantCulture), userName, action, entityType,
                     entityId, changes, previousHash,
                 })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Links the new entries after the newest stored one. Called inside the saving transaction (SQLite's transactions
    /// take the write lock at their start), and Sequence is unique: two writers can never fork the chain.
    /// </summary>
    internal static async Task LinkAsync(DeputyDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        var (sequence, hash) = last is null ? (0L, Genesis) : (last.Sequence, last.Hash);
        foreach (var entry in entries)
        {
            entry.Chain(sequence, hash);
            (sequence, hash) = (entry.Sequence, entry.Hash);
        }
    }

    /// <summary>
    /// Walks the whole trail in sequence order (streamed, constant memory) and names the first entry that is missing,
    /// altered or inserted.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(DeputyDbContext db, CancellationToken ct = default)
    {
        long expected = 1, rows = 0;
        var previous = Genesis;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            rows++;
            if (e.Sequence > expected)
            {
                return Broken(e.Sequence, expected == e.Sequence - 1
                    ? $"entry {expected} is missing (deleted)"
                    : $"entries {expected} to {e.Sequence - 1} are missing (deleted)");
            }

            if (e.Sequence < expected)
            {
                return Broken(e.Sequence, $"entry {e.Sequence} appears twice (inserted)");
            }

            if (e.PreviousHash != previous)
            {
                return Broken(e.Sequence, $"entry {e.Sequence} does not follow entry {e.Sequence - 1}: an entry was inserted or replaced here");
            }

            if (HashOf(e) != e.Hash)
            {
                return Broken(e.Sequence, $"entry {e.Sequence} (id {e.Id}, {e.EntityType} {e.EntityId}) was altered");
            }

            previous = e.Hash;
            expected++;
        }

        return new AuditVerification(true, rows, null, null, previous);

        AuditVerification Broken(long sequence, string problem) => new(false, rows, sequence, problem, previous);
    }

    /// <summary>
    /// A database from before the chain existed gets its entries linked once, in the order they were written; after
    /// that no entry is ever linked again (an unlinked entry among linked ones is reported by verify-audit instead).
    /// </summary>
    public static async Task SealLegacyEntriesAsync(DeputyDbContext db, CancellationToken ct = default)
    {
        if (await db.AuditEntries.AnyAsync(a => a.Hash != "", ct) || !await db.AuditEntries.AnyAsync(ct))
        {
            return;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entries = await db.AuditEntries.OrderBy(a => a.Id).ToListAsync(ct);
        // Legacy rows got Sequence = -Id from the migration: clear them first so the unique index holds while renumbering.
        var (sequence, hash) = (0L, Genesis);
        foreach (var entry in entries)
        {
            entry.Chain(sequence, hash);
            (sequence, hash) = (entry.Sequence, entry.Hash);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
