namespace DeputyPerformance.Domain.Auditing;

/// <summary>One create, update or delete: who, when (UTC), which entity, and the changed values as JSON.</summary>
public class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(DateTime atUtc, string userName, string action, string entityType, string entityId, string changes)
    {
        AtUtc = atUtc;
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
}
