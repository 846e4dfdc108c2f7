namespace DeputyPerformance.Domain.Auditing;

/// <summary>
/// One create, update or delete: who, when (UTC), which entity, and the changed values as JSON. Each entry is a link of
/// a hash chain: <see cref="Sequence"/> counts up from 1 without gaps, <see cref="PreviousHash"/> is the hash of the
/// entry before and <see cref="Hash"/> covers this entry's fields and that previous hash (<see cref="AuditChain"/>),
/// so an altered, inserted or deleted row breaks the chain where it happened.
/// </summary>
public class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(DateTime atUtc, string userName, string action, string entityType, string entityId, string changes)
    {
        // Whole microseconds: what PostgreSQL's timestamp keeps, so the hash of the entry read back is the hash written.
        AtUtc = new DateTime(atUtc.Ticks - atUtc.Ticks % 10, atUtc.Kind);
        UserName = userName;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Changes = changes;
    }

    public long Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string UserName { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    public string Changes { get; private set; } = "";
    public long Sequence { get; private set; }
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    /// <summary>Links the entry after the one with <paramref name="previousSequence"/> and <paramref name="previousHash"/>.</summary>
    internal void Chain(long previousSequence, string previousHash)
    {
        Sequence = previousSequence + 1;
        PreviousHash = previousHash;
        Hash = AuditChain.HashOf(this);
    }
}
