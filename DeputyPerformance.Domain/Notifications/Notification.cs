using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;

namespace DeputyPerformance.Domain.Notifications;

/// <summary>What a notification tells (named by Notification_{kind} in the resources).</summary>
public enum NotificationKind
{
    /// <summary>An exit flag was raised (or raised again) for the deputy.</summary>
    FlagRaised,
    /// <summary>The case went under review: the deputy may file a written defence until the due date.</summary>
    DefenceRequested,
    /// <summary>Reminder: the defence due date is near or passed and no defence was filed.</summary>
    DefenceDue,
    /// <summary>A decision on the case (warning talk, persuasion, the body's vote, termination, suspension, closing, dismissal).</summary>
    Decision,
    /// <summary>The deputy filed his defence (to the office that runs the case).</summary>
    DefenceFiled,
}

/// <summary>
/// One notification to one recipient: a deputy (by his deputy record, so an account created later still sees it), or an
/// office (a role and, for town clerks, a town; the office shares the read mark, like an in-tray). Written by the
/// domain in the transaction of the fact it tells, never by a page; its link is the case or the flag it is about.
/// </summary>
public class Notification
{
    public const int MaxDetailLength = 200;

    private Notification() { }

    private Notification(NotificationKind kind, int? recipientDeputyId, string? recipientRole, int? recipientTownId, int deputyId,
        int? caseId, int? flagId, string? detail, DateTime createdUtc)
    {
        Kind = kind;
        RecipientDeputyId = recipientDeputyId;
        RecipientRole = recipientRole;
        RecipientTownId = recipientTownId;
        DeputyId = deputyId;
        CaseId = caseId;
        FlagId = flagId;
        Detail = detail is { Length: > MaxDetailLength } ? detail[..MaxDetailLength] : detail;
        CreatedUtc = createdUtc;
    }

    public long Id { get; private set; }
    public NotificationKind Kind { get; private set; }
    /// <summary>Set when the recipient is a deputy himself.</summary>
    public int? RecipientDeputyId { get; private set; }
    /// <summary>Set when the recipient is an office: <see cref="Roles.TownClerk"/> (with the town) or <see cref="Roles.CountyClerk"/> (the committee office).</summary>
    public string? RecipientRole { get; private set; }
    public int? RecipientTownId { get; private set; }
    /// <summary>The deputy it is about.</summary>
    public int DeputyId { get; private set; }
    public int? CaseId { get; private set; }
    public int? FlagId { get; private set; }
    /// <summary>A code for the text: the flag's rule, the step's action, the due date (yyyy-MM-dd).</summary>
    public string? Detail { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? ReadUtc { get; private set; }
    public string? ReadBy { get; private set; }

    public bool IsRead => ReadUtc is not null;

    public static Notification ToDeputy(NotificationKind kind, int deputyId, int? caseId, int? flagId, string? detail, DateTime atUtc) =>
        new(kind, deputyId, null, null, deputyId, caseId, flagId, detail, atUtc);

    /// <summary>To the office that runs the deputy's exit cases: his town's clerks for a town deputy, the committee office for a county deputy.</summary>
    public static Notification ToOffice(NotificationKind kind, int deputyId, DeputyLevel level, int townId, int? caseId, int? flagId, string? detail, DateTime atUtc) =>
        level == DeputyLevel.Town
            ? new(kind, null, Roles.TownClerk, townId, deputyId, caseId, flagId, detail, atUtc)
            : new(kind, null, Roles.CountyClerk, null, deputyId, caseId, flagId, detail, atUtc);

    /// <summary>Marks it read; reading it again keeps the first mark.</summary>
    public bool MarkRead(string by, DateTime atUtc)
    {
        if (ReadUtc is not null) return false;
        ReadUtc = atUtc;
        ReadBy = by.Length > 256 ? by[..256] : by;
        return true;
    }
}
