using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Organization;

namespace DeputyPerformance.Domain.Duties;

/// <summary>
/// 履职登记: one recorded duty activity of a deputy. Points are NOT stored: they are count x the category's
/// points of the year's rule set, computed when read, so a rule change recomputes every score.
/// TownId and Year are copies (of the deputy's town when recorded and of Date.Year) so the grid filters
/// and the yearly aggregation read one table and one index, without a join, over millions of rows.
/// </summary>
public class DutyLog
{
    public const int MaxDescriptionLength = 500;
    public const int MaxPlaceLength = 100;
    public const int MaxReasonLength = 200;
    public const int MaxExternalIdLength = 64;
    public const int MaxCount = 1000;

    private readonly List<EvidenceFile> _evidence = [];

    private DutyLog() { }

    private DutyLog(int deputyId, int townId, DateOnly date, string categoryCode, int count, int? liaisonStationId,
        string? place, string description, DutyLogSource source, string submittedBy, DateTime submittedAtUtc)
    {
        if (!DutyCategory.IsKnown(categoryCode)) throw new DomainException("Duty_UnknownCategory", categoryCode);
        if (count is <= 0 or > MaxCount) throw new DomainException("Duty_CountRange", MaxCount);
        DeputyId = deputyId;
        TownId = townId;
        Date = date;
        Year = date.Year;
        CategoryCode = categoryCode;
        Count = count;
        LiaisonStationId = liaisonStationId;
        Place = place;
        Description = description;
        Source = source;
        SubmittedBy = submittedBy;
        SubmittedAtUtc = submittedAtUtc;
        Status = source == DutyLogSource.SelfSubmitted ? DutyLogStatus.Pending : DutyLogStatus.Approved;
        if (Status == DutyLogStatus.Approved)
        {
            ReviewedBy = submittedBy;
            ReviewedAtUtc = submittedAtUtc;
        }
    }

    /// <summary>A clerk's entry: approved at once (the clerk is the reviewer).</summary>
    public static DutyLog RecordByClerk(int deputyId, int townId, DateOnly date, string categoryCode, int count,
        int? liaisonStationId, string? place, string description, string clerk, DateTime atUtc) =>
        new(deputyId, townId, date, categoryCode, count, liaisonStationId, place, description, DutyLogSource.Clerk, clerk, atUtc);

    /// <summary>A deputy's own submission: pending until a clerk of his town reviews it.</summary>
    public static DutyLog SubmitByDeputy(int deputyId, int townId, DateOnly date, string categoryCode, int count,
        int? liaisonStationId, string? place, string description, string deputyUser, DateTime atUtc) =>
        new(deputyId, townId, date, categoryCode, count, liaisonStationId, place, description, DutyLogSource.SelfSubmitted, deputyUser, atUtc);

    /// <summary>
    /// A duty another procedure produces (a held report to constituents): approved, and keyed to its cause so it is
    /// recorded once however often the cause is saved; nobody enters it a second time.
    /// </summary>
    public static DutyLog RecordByProcedure(int deputyId, int townId, DateOnly date, string categoryCode, string causeKey, string description,
        string by, DateTime atUtc)
    {
        var log = new DutyLog(deputyId, townId, date, categoryCode, 1, null, null, description, DutyLogSource.Procedure, by, atUtc);
        log.ImportKey = causeKey;
        return log;
    }

    /// <summary>The procedure's cause moved (a report's session re-recorded on another day): the duty follows it.</summary>
    public void MoveTo(DateOnly date)
    {
        if (Source != DutyLogSource.Procedure) throw new DomainException("ValueInvalid");
        Date = date;
        Year = date.Year;
    }

    public long Id { get; private set; }
    public int DeputyId { get; private set; }
    public Deputy? Deputy { get; private set; }
    /// <summary>The deputy's town when the log was recorded (a copy, see the class summary).</summary>
    public int TownId { get; private set; }
    public Town? Town { get; private set; }
    public DateOnly Date { get; private set; }
    /// <summary>Date.Year, copied so the scoring index starts with it.</summary>
    public int Year { get; private set; }
    public string CategoryCode { get; private set; } = "";
    /// <summary>Sessions, half-days, days or items; points = Count x the category's points.</summary>
    public int Count { get; private set; } = 1;
    public int? LiaisonStationId { get; private set; }
    public LiaisonStation? LiaisonStation { get; private set; }
    public string? Place { get; private set; }
    public string Description { get; private set; } = "";
    public DutyLogSource Source { get; private set; }
    public DutyLogStatus Status { get; private set; }
    public string? RejectionReason { get; private set; }
    public string SubmittedBy { get; private set; } = "";
    public DateTime SubmittedAtUtc { get; private set; }
    public string? ReviewedBy { get; private set; }
    public DateTime? ReviewedAtUtc { get; private set; }
    /// <summary>The import file's external_id, shown as given.</summary>
    public string? ExternalId { get; private set; }
    /// <summary>Unique key of an imported row ("id:" + external_id, or "nk:" + hash of the row) that makes re-import idempotent.</summary>
    public string? ImportKey { get; private set; }
    public long? ImportBatchId { get; private set; }
    public IReadOnlyList<EvidenceFile> Evidence => _evidence;

    /// <summary>A clerk's correction of the facts; the approval state is kept.</summary>
    public void Correct(DateOnly date, string categoryCode, int count, int? liaisonStationId, string? place, string description)
    {
        if (!DutyCategory.IsKnown(categoryCode)) throw new DomainException("Duty_UnknownCategory", categoryCode);
        if (count is <= 0 or > MaxCount) throw new DomainException("Duty_CountRange", MaxCount);
        Date = date;
        Year = date.Year;
        CategoryCode = categoryCode;
        Count = count;
        LiaisonStationId = liaisonStationId;
        Place = place;
        Description = description;
    }

    /// <summary>The deputy amended his rejected submission: it waits for a clerk's review again, the old reason is cleared.</summary>
    public void Resubmit(string deputyUser, DateTime atUtc)
    {
        if (Status != DutyLogStatus.Rejected) throw new DomainException("Duty_NotRejected");
        Status = DutyLogStatus.Pending;
        RejectionReason = null;
        ReviewedBy = null;
        ReviewedAtUtc = null;
        SubmittedBy = deputyUser;
        SubmittedAtUtc = atUtc;
    }

    public void Approve(string reviewer, DateTime atUtc)
    {
        if (Status != DutyLogStatus.Pending) throw new DomainException("Duty_NotPending");
        Status = DutyLogStatus.Approved;
        RejectionReason = null;
        ReviewedBy = reviewer;
        ReviewedAtUtc = atUtc;
    }

    public void Reject(string reviewer, DateTime atUtc, string reason)
    {
        if (Status != DutyLogStatus.Pending) throw new DomainException("Duty_NotPending");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Duty_ReasonRequired");
        if (reason.Length > MaxReasonLength) throw new DomainException("Duty_ReasonTooLong", MaxReasonLength);
        Status = DutyLogStatus.Rejected;
        RejectionReason = reason.Trim();
        ReviewedBy = reviewer;
        ReviewedAtUtc = atUtc;
    }

    internal void AttachEvidence(EvidenceFile file) => _evidence.Add(file);
}
