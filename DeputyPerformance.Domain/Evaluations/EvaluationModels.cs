using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Departments;
using FluentValidation;

namespace DeputyPerformance.Domain.Evaluations;

/// <summary>The date a step happened (today when empty) and, for a withdrawal, the reason.</summary>
public sealed class EvaluationStepInput
{
    public DateOnly? On { get; set; }
    public string? Reason { get; set; }
}

public sealed class PhasePlanInput
{
    public EvaluationPhase Phase { get; set; }
    public DateOnly? PlannedStart { get; set; }
    public DateOnly? PlannedEnd { get; set; }
    public string? Responsible { get; set; }
    public string? Notes { get; set; }
}

public sealed class PhasePlanValidator : AbstractValidator<PhasePlanInput>
{
    public PhasePlanValidator()
    {
        RuleFor(x => x.Phase).IsInEnum().WithText("ValueInvalid");
        RuleFor(x => x.PlannedEnd).GreaterThanOrEqualTo(x => x.PlannedStart).When(x => x.PlannedStart is not null && x.PlannedEnd is not null)
            .WithText("Evaluation_PlanOrder");
        RuleFor(x => x.Responsible).MaximumLength(DepartmentEvaluation.MaxResponsibleLength).WithText("Evaluation_TextTooLong");
        RuleFor(x => x.Notes).MaximumLength(DepartmentEvaluation.MaxNoteLength).WithText("Evaluation_TextTooLong");
    }
}

public sealed record SelectionResult(bool Saved, int Created, IReadOnlyList<string> Warnings);

/// <summary>A line of the year's board (init properties, so the database can sort by them).</summary>
public sealed record EvaluationBoardRow
{
    public int Id { get; init; }
    public int DepartmentId { get; init; }
    public string DepartmentName { get; init; } = "";
    public DepartmentKind Kind { get; init; }
    public EvaluationPhase Phase { get; init; }
    public DateOnly? NextDate { get; init; }
    public bool Overdue { get; init; }
    public EvaluationOutcome? Grade { get; init; }
    public EvaluationOutcome? RevoteGrade { get; init; }
    public DateOnly? PublishedOn { get; init; }
}

public sealed record EvaluationPhaseRow(
    EvaluationPhase Phase, DateOnly? PlannedStart, DateOnly? PlannedEnd, DateOnly? ActualStart, DateOnly? ActualEnd, string? Responsible, string? Notes,
    bool IsCurrent, bool Overdue);

public sealed record EvaluationVoteRow(
    int Id, EvaluationRound Round, int? VoteId, DateOnly HeldOn, EvaluationOutcome? Outcome, int? Members, int? Present,
    int? Issued, int? Returned, int? Invalid, int? Satisfied, int? BasicallySatisfied, int? Dissatisfied);

public sealed record EvaluationDocumentRow(long Id, EvaluationPhase Phase, string OriginalName, string ContentType, long SizeBytes, string Sha256, string UploadedBy, DateTime UploadedAtUtc);

public sealed record EvaluationDetail(
    int Id, int DepartmentId, string DepartmentName, DepartmentKind Kind, string? Head, int Year, EvaluationPhase Phase,
    EvaluationOutcome? Grade, EvaluationOutcome? RevoteGrade, bool RectificationRequired, bool RectificationRecommended,
    DateOnly? PublishedOn, DateOnly? RectificationDue, DateOnly? RectificationReportedOn, DateOnly? ClosedOn, string? WithdrawnReason,
    DateOnly? NextDate, bool Overdue, bool RectificationOverdue, bool CanRun, IReadOnlyList<EvaluationAction> AllowedActions,
    IReadOnlyList<EvaluationPhaseRow> Phases, IReadOnlyList<EvaluationVoteRow> Votes, IReadOnlyList<EvaluationDocumentRow> Documents,
    int CommitteeMembers, GradingDenominator Denominator);

public sealed record DepartmentHistoryRow(
    int EvaluationId, int Year, string? TermName, EvaluationPhase Phase, EvaluationOutcome? Grade, EvaluationOutcome? RevoteGrade,
    DateOnly? PublishedOn, DateOnly? RectificationDue, DateOnly? RectificationReportedOn, DateOnly? ClosedOn);

public sealed record DepartmentHistory(
    int DepartmentId, string Name, DepartmentKind Kind, string? Head, DateOnly? ActiveFrom, DateOnly? ActiveTo, IReadOnlyList<DepartmentHistoryRow> Evaluations);

public sealed record DepartmentCoverageRow(int DepartmentId, string Name, DepartmentKind Kind, IReadOnlyList<int> EvaluatedYears, bool PlannedThisYear, bool Due, bool Flagged);

public sealed record DepartmentCoverage(
    int TermId, string TermName, int Year, int Departments, int Covered, int PlannedThisYear, int MinPerYear, int MaxPerYear,
    IReadOnlyList<CoverageShare> RemainingYears, IReadOnlyList<DepartmentCoverageRow> Rows);

public sealed record PublicResultRow(int Year, string DepartmentName, EvaluationPhase Phase, bool Published, EvaluationOutcome? Grade, EvaluationOutcome? RevoteGrade, DateOnly? PublishedOn);

/// <summary>One line of the evaluation export (domain.md section 7), values as the contract writes them.</summary>
public sealed record EvaluationExportRow(
    string Department, int Year, EvaluationPhase Phase, DateOnly? VoteDate, int? Members, int? Present, int? Satisfied, int? BasicallySatisfied,
    int? Dissatisfied, int? Invalid, EvaluationOutcome? Grade, DateOnly? RectificationDue, DateOnly? RectificationReported, EvaluationOutcome? RevoteGrade);
