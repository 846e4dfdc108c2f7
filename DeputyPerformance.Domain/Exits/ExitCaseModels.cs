using DeputyPerformance.Domain.Deputies;

namespace DeputyPerformance.Domain.Exits;

/// <summary>The board's filters; null means any.</summary>
public sealed record ExitBoardFilter(ExitTier? Tier = null, int? TownId = null, ExitFlagStatus? FlagStatus = null, int? Year = null,
    bool? CaseOpen = null);

/// <summary>A flag on the board (a class with init properties: EF composes filters and sorting over its projection).</summary>
public sealed class ExitFlagRow
{
    public int Id { get; init; }
    public int DeputyId { get; init; }
    public int TownId { get; init; }
    public string DeputyNumber { get; init; } = "";
    public string DeputyName { get; init; } = "";
    public string TownName { get; init; } = "";
    public DeputyLevel Level { get; init; }
    public string Rule { get; init; } = "";
    public int Year { get; init; }
    public ExitTier Tier { get; init; }
    public ExitFlagStatus Status { get; init; }
    public string Evidence { get; init; } = "";
    public string EvidenceRefs { get; init; } = "";
    public DateTime RaisedUtc { get; init; }
    public string? WithdrawReason { get; init; }
    public int? CaseId { get; init; }
}

/// <summary>A case on the board.</summary>
public sealed class ExitCaseRow
{
    public int Id { get; init; }
    public int DeputyId { get; init; }
    public int TownId { get; init; }
    public string DeputyNumber { get; init; } = "";
    public string DeputyName { get; init; } = "";
    public string TownName { get; init; } = "";
    public DeputyLevel Level { get; init; }
    public ExitGround Ground { get; init; }
    public string? FlagRule { get; init; }
    public ExitCaseState State { get; init; }
    public ExitOutcome Outcome { get; init; }
    public DateTime OpenedUtc { get; init; }
    public DateOnly? DefenceDueOn { get; init; }
    public DateTime? ClosedUtc { get; init; }
    public ExitTier? Tier => FlagRule is null ? null : ExitRuleCodes.TierOf(FlagRule);
}

public sealed record ExitStepView(ExitCaseAction? Action, ExitCaseState? From, ExitCaseState To, string By, DateTime AtUtc, string? Note,
    string? Documents, string? RuleKey, IReadOnlyList<ExitDocumentView> Files);

/// <summary>An uploaded document of a step, downloaded at /exits/documents/{id}.</summary>
public sealed record ExitDocumentView(long Id, string OriginalName, string ContentType, long SizeBytes, string Sha256, string UploadedBy, DateTime UploadedAtUtc);

/// <summary>A file the user chose for a step: its name as uploaded and its bytes.</summary>
public sealed record ExitUpload(string FileName, Stream Content);

/// <summary>A case as its page shows it: the deputy, the state, the timeline, the flags, and the actions this caller may take.</summary>
public sealed record ExitCaseView(
    int Id, int DeputyId, string DeputyNumber, string DeputyName, string TownName, string TermName, DeputyLevel Level, DeputyStatus DeputyStatus,
    ExitGround Ground, string? FlagRule, ExitCaseState State, ExitOutcome Outcome, DateTime OpenedUtc, DateOnly? DefenceDueOn,
    string? DefenceText, DateTime? DefenceFiledUtc, DateOnly? EffectiveOn, DateTime? ClosedUtc, IReadOnlyList<ExitStepView> Steps,
    IReadOnlyList<ExitFlagRow> Flags, IReadOnlySet<ExitCaseAction> Actions, int CommitteeMembers, int? DistrictVoters, string? DistrictName);

/// <summary>The deputy's own view: his flags and his cases.</summary>
public sealed record MyExitView(IReadOnlyList<ExitFlagRow> Flags, IReadOnlyList<ExitCaseRow> Cases);

/// <summary>One step a user takes on a case; which fields count depends on the action.</summary>
public sealed class ExitActionInput
{
    public ExitCaseAction Action { get; set; }
    /// <summary>Defence due date, letter date, effective date (mandate ends, suspended since, restored on).</summary>
    public DateOnly? Date { get; set; }
    public string? Note { get; set; }
    public string? Documents { get; set; }
    /// <summary>All members of the deciding body (resignation): the standing committee, or the town congress.</summary>
    public int? Members { get; set; }
    public int? Present { get; set; }
    /// <summary>Yes votes (resignation, recall) or petition signers (start of a recall).</summary>
    public int? Yes { get; set; }
}

/// <summary>A row of the export-exit-flags file (domain.md section 7).</summary>
public sealed record ExitFlagExportRow(string DeputyNumber, string Name, string Town, string Rule, int Year, string Tier, string Status, string Evidence);

/// <summary>The committee's announcement (公告) of a case that ended a mandate.</summary>
public sealed record ExitAnnouncement(int CaseId, string DeputyName, string DeputyNumber, string TownName, string TermName, DeputyLevel Level,
    ExitOutcome Outcome, DateOnly EffectiveOn, string? Reason, string? RuleKey, string? DecisionText);
