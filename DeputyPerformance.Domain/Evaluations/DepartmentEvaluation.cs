using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Departments;

namespace DeputyPerformance.Domain.Evaluations;

/// <summary>
/// One department's evaluation (工作评议) in one year: a guarded state machine over <see cref="EvaluationPhase"/>.
/// <see cref="AllowedActions"/> says what may happen now; every transition checks it and throws otherwise. The grade,
/// the rectification deadline and the next date are kept here, so lists read them without recomputing the history.
/// </summary>
public class DepartmentEvaluation
{
    public const int MaxNoteLength = 4000;
    public const int MaxResponsibleLength = 50;

    private readonly List<EvaluationPhaseRecord> _phases = [];
    private readonly List<EvaluationVoteRecord> _votes = [];
    private readonly List<EvaluationDocument> _documents = [];

    private DepartmentEvaluation() { }

    public DepartmentEvaluation(int departmentId, int year, DateOnly today)
    {
        DepartmentId = departmentId;
        Year = year;
        Phase = EvaluationPhase.Publicity;
        foreach (var phase in EvaluationCodes.Workflow)
        {
            _phases.Add(new EvaluationPhaseRecord(phase));
        }

        PhaseRecord(EvaluationPhase.Publicity).Start(today);
        Refresh();
    }

    public int Id { get; private set; }
    public int DepartmentId { get; private set; }
    public GovernmentDepartment? Department { get; private set; }
    public int Year { get; private set; }
    public EvaluationPhase Phase { get; private set; }
    /// <summary>The grade of the hearing's valid vote; null before it.</summary>
    public EvaluationOutcome? Grade { get; private set; }
    public EvaluationOutcome? RevoteGrade { get; private set; }
    public bool RectificationRequired { get; private set; }
    public bool RectificationRecommended { get; private set; }
    /// <summary>The day the feedback was given and the result published; the public page shows grades from then on.</summary>
    public DateOnly? PublishedOn { get; private set; }
    public DateOnly? RectificationDue { get; private set; }
    public DateOnly? RectificationReportedOn { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public string? WithdrawnReason { get; private set; }
    /// <summary>The date the current phase should end (the rectification deadline while rectifying); what "overdue" is measured by.</summary>
    public DateOnly? NextDate { get; private set; }

    public IReadOnlyList<EvaluationPhaseRecord> Phases => _phases;
    public IReadOnlyList<EvaluationVoteRecord> Votes => _votes;
    public IReadOnlyList<EvaluationDocument> Documents => _documents;

    public bool IsPublished => PublishedOn is not null;

    /// <summary>A vote was started in the vote engine and has not been confirmed yet.</summary>
    public EvaluationVoteRecord? PendingVote => _votes.FirstOrDefault(v => v.Outcome is null);

    public EvaluationRound? VoteRound => Phase switch
    {
        EvaluationPhase.HearingAndVote => EvaluationRound.Hearing,
        EvaluationPhase.Revote => EvaluationRound.Revote,
        _ => null,
    };

    public bool IsOverdue(DateOnly today) => NextDate is { } next && next < today && Phase is not (EvaluationPhase.Closed or EvaluationPhase.Withdrawn);

    /// <summary>What may be done now; the page offers exactly these.</summary>
    public IReadOnlyList<EvaluationAction> AllowedActions()
    {
        var pending = PendingVote is not null;
        return Phase switch
        {
            EvaluationPhase.Publicity or EvaluationPhase.SelfCheck or EvaluationPhase.Investigation => [EvaluationAction.CompletePhase, EvaluationAction.Withdraw],
            EvaluationPhase.HearingAndVote => pending ? [] : [EvaluationAction.HoldVote, EvaluationAction.Withdraw],
            EvaluationPhase.FeedbackAndPublication => [EvaluationAction.Publish],
            EvaluationPhase.Rectification => [EvaluationAction.ReceiveRectificationReport],
            EvaluationPhase.RectificationReport => Grade == EvaluationOutcome.Dissatisfied ? [EvaluationAction.StartRevote] : [EvaluationAction.Close],
            EvaluationPhase.Revote => pending ? [] : [EvaluationAction.HoldVote],
            _ => [],
        };
    }

    public bool Allows(EvaluationAction action) => AllowedActions().Contains(action);

    /// <summary>Publicity → self-check → investigation → hearing and vote.</summary>
    public void CompletePhase(DateOnly today)
    {
        Require(EvaluationAction.CompletePhase);
        MoveTo(EvaluationCodes.Workflow[EvaluationCodes.Workflow.ToList().IndexOf(Phase) + 1], today);
    }

    /// <summary>A vote was started for this evaluation (in the vote engine, or recorded directly when <paramref name="voteId"/> is null).</summary>
    public EvaluationVoteRecord StartVote(int? voteId, DateOnly today)
    {
        Require(EvaluationAction.HoldVote);
        var record = new EvaluationVoteRecord(VoteRound!.Value, voteId, today);
        _votes.Add(record);
        return record;
    }

    /// <summary>
    /// The confirmed result of the pending vote, and its consequences: a grade in the hearing moves to feedback
    /// (不满意: rectification required and a re-vote later; 基本满意: rectification recommended when the rules say so);
    /// a re-vote's grade closes the evaluation; void or no quorum leaves the phase as it is, so the vote is held again.
    /// </summary>
    public void ApplyVoteResult(int? voteId, EvaluationVoteResult result, EvaluationRuleSet rules, DateOnly today)
    {
        var record = PendingVote;
        if (record is null || record.VoteId != voteId)
        {
            throw new DomainException("Evaluation_NoPendingVote");
        }

        record.Record(result, today);
        if (!result.Outcome.IsGrade())
        {
            Refresh();
            return;
        }

        if (record.Round == EvaluationRound.Hearing)
        {
            Grade = result.Outcome;
            RectificationRequired = result.Outcome == EvaluationOutcome.Dissatisfied;
            RectificationRecommended = result.Outcome == EvaluationOutcome.BasicallySatisfied && rules.BasicRecommendsRectification;
            MoveTo(EvaluationPhase.FeedbackAndPublication, today);
        }
        else
        {
            RevoteGrade = result.Outcome;
            Finish(today);
        }
    }

    /// <summary>
    /// A confirmed result was corrected in the vote engine: the latest vote's consequences are undone and the corrected
    /// result applied, as long as nothing has happened since (after the publication, or a newer vote, it is refused).
    /// </summary>
    public void CorrectVoteResult(int voteId, EvaluationVoteResult result, EvaluationRuleSet rules, DateOnly today)
    {
        var record = _votes.LastOrDefault();
        var stillOpen = record?.Round == EvaluationRound.Hearing
            ? Phase is EvaluationPhase.HearingAndVote or EvaluationPhase.FeedbackAndPublication
            : Phase == EvaluationPhase.Revote || (Phase == EvaluationPhase.Closed && RevoteGrade is not null);
        if (record is null || record.VoteId != voteId || record.Outcome is null || !stillOpen)
        {
            throw new DomainException("Evaluation_CorrectionTooLate");
        }

        if (record.Round == EvaluationRound.Hearing)
        {
            Grade = null;
            RectificationRequired = false;
            RectificationRecommended = false;
            if (Phase == EvaluationPhase.FeedbackAndPublication) BackTo(EvaluationPhase.HearingAndVote);
        }
        else
        {
            RevoteGrade = null;
            if (Phase == EvaluationPhase.Closed) BackTo(EvaluationPhase.Revote);
        }

        record.Reopen();
        ApplyVoteResult(voteId, result, rules, today);
    }

    /// <summary>Records a vote without the vote engine (the whole result in one step).</summary>
    public void RecordVote(EvaluationVoteResult result, EvaluationRuleSet rules, DateOnly today)
    {
        StartVote(null, today);
        ApplyVoteResult(null, result, rules, today);
    }

    /// <summary>The feedback is given and the result published: rectification starts with its deadline, or 满意 closes.</summary>
    public void Publish(DateOnly on, EvaluationRuleSet rules)
    {
        Require(EvaluationAction.Publish);
        PublishedOn = on;
        if (RectificationRequired || RectificationRecommended)
        {
            RectificationDue = on.AddMonths(rules.RectificationMonths);
            MoveTo(EvaluationPhase.Rectification, on);
        }
        else
        {
            Finish(on);
        }
    }

    public void ReceiveRectificationReport(DateOnly on)
    {
        Require(EvaluationAction.ReceiveRectificationReport);
        RectificationReportedOn = on;
        MoveTo(EvaluationPhase.RectificationReport, on);
    }

    public void StartRevote(DateOnly today)
    {
        Require(EvaluationAction.StartRevote);
        MoveTo(EvaluationPhase.Revote, today);
    }

    public void Close(DateOnly today)
    {
        Require(EvaluationAction.Close);
        Finish(today);
    }

    public void Withdraw(string reason, DateOnly today)
    {
        Require(EvaluationAction.Withdraw);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Evaluation_ReasonRequired");
        WithdrawnReason = reason.Trim();
        PhaseRecord(Phase).End(today);
        Phase = EvaluationPhase.Withdrawn;
        Refresh();
    }

    /// <summary>Plans a phase: dates, the person responsible, notes. Allowed until the evaluation ends.</summary>
    public void PlanPhase(EvaluationPhase phase, DateOnly? plannedStart, DateOnly? plannedEnd, string? responsible, string? notes)
    {
        if (Phase is EvaluationPhase.Closed or EvaluationPhase.Withdrawn) throw new DomainException("Evaluation_Ended");
        if (plannedStart is not null && plannedEnd is not null && plannedEnd < plannedStart) throw new DomainException("Evaluation_PlanOrder");
        if (responsible?.Length > MaxResponsibleLength || notes?.Length > MaxNoteLength) throw new DomainException("Evaluation_TextTooLong");
        PhaseRecord(phase).Plan(plannedStart, plannedEnd, responsible, notes);
        Refresh();
    }

    public EvaluationDocument AddDocument(EvaluationPhase phase, string originalName, StoredDocument stored, string uploadedBy, DateTime atUtc)
    {
        if (Phase == EvaluationPhase.Withdrawn) throw new DomainException("Evaluation_Ended");
        var document = new EvaluationDocument(phase, originalName, stored, uploadedBy, atUtc);
        _documents.Add(document);
        return document;
    }

    public EvaluationPhaseRecord PhaseRecord(EvaluationPhase phase) =>
        _phases.FirstOrDefault(p => p.Phase == phase) ?? throw new DomainException("Evaluation_NoSuchPhase");

    private void Require(EvaluationAction action)
    {
        if (!Allows(action))
        {
            throw new DomainException("Evaluation_ActionNotAllowed", DomainText.Get("EvaluationAction_" + action), DomainText.Get("EvaluationPhase_" + Phase));
        }
    }

    private void MoveTo(EvaluationPhase next, DateOnly today)
    {
        PhaseRecord(Phase).End(today);
        Phase = next;
        PhaseRecord(next).Start(today);
        Refresh();
    }

    private void BackTo(EvaluationPhase phase)
    {
        if (Phase != EvaluationPhase.Closed) PhaseRecord(Phase).Reset();
        ClosedOn = null;
        Phase = phase;
        PhaseRecord(phase).Start(PhaseRecord(phase).ActualStart ?? default);
        Refresh();
    }

    private void Finish(DateOnly today)
    {
        PhaseRecord(Phase).End(today);
        Phase = EvaluationPhase.Closed;
        ClosedOn = today;
        Refresh();
    }

    private void Refresh() =>
        NextDate = Phase switch
        {
            EvaluationPhase.Closed or EvaluationPhase.Withdrawn => null,
            EvaluationPhase.Rectification => RectificationDue,
            _ => PhaseRecord(Phase).PlannedEnd,
        };
}

/// <summary>One phase of an evaluation: planned and actual dates, who is responsible, notes.</summary>
public class EvaluationPhaseRecord
{
    private EvaluationPhaseRecord() { }

    internal EvaluationPhaseRecord(EvaluationPhase phase) => Phase = phase;

    public int Id { get; private set; }
    public int EvaluationId { get; private set; }
    public EvaluationPhase Phase { get; private set; }
    public DateOnly? PlannedStart { get; private set; }
    public DateOnly? PlannedEnd { get; private set; }
    public DateOnly? ActualStart { get; private set; }
    public DateOnly? ActualEnd { get; private set; }
    public string? Responsible { get; private set; }
    public string? Notes { get; private set; }

    /// <summary>Running and past its planned end.</summary>
    public bool IsOverdue(DateOnly today) => ActualStart is not null && ActualEnd is null && PlannedEnd is { } end && end < today;

    internal void Plan(DateOnly? plannedStart, DateOnly? plannedEnd, string? responsible, string? notes)
    {
        PlannedStart = plannedStart;
        PlannedEnd = plannedEnd;
        Responsible = string.IsNullOrWhiteSpace(responsible) ? null : responsible.Trim();
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
    }

    internal void Start(DateOnly on)
    {
        ActualStart ??= on;
        ActualEnd = null;
    }

    internal void End(DateOnly on) => ActualEnd = on;

    internal void Reset()
    {
        ActualStart = null;
        ActualEnd = null;
    }
}

/// <summary>One committee vote held on an evaluation, kept in its history whatever it came to (void votes stay void).</summary>
public class EvaluationVoteRecord
{
    private EvaluationVoteRecord() { }

    internal EvaluationVoteRecord(EvaluationRound round, int? voteId, DateOnly heldOn)
    {
        Round = round;
        VoteId = voteId;
        HeldOn = heldOn;
    }

    public int Id { get; private set; }
    public int EvaluationId { get; private set; }
    public EvaluationRound Round { get; private set; }
    /// <summary>The vote of the shared vote engine (<c>/votes/{id}</c>); null when the result was recorded directly.</summary>
    public int? VoteId { get; private set; }
    public DateOnly HeldOn { get; private set; }
    public EvaluationOutcome? Outcome { get; private set; }
    public int? Members { get; private set; }
    public int? Present { get; private set; }
    public int? Issued { get; private set; }
    public int? Returned { get; private set; }
    public int? Invalid { get; private set; }
    public int? Satisfied { get; private set; }
    public int? BasicallySatisfied { get; private set; }
    public int? Dissatisfied { get; private set; }

    /// <summary>The result is being corrected: waiting again for the vote engine.</summary>
    internal void Reopen() => Outcome = null;

    internal void Record(EvaluationVoteResult result, DateOnly on)
    {
        HeldOn = on;
        Outcome = result.Outcome;
        Members = result.Members;
        Present = result.Present;
        Issued = result.Counts.Issued;
        Returned = result.Counts.Returned;
        Invalid = result.Counts.Invalid;
        Satisfied = result.Counts.Satisfied;
        BasicallySatisfied = result.Counts.BasicallySatisfied;
        Dissatisfied = result.Counts.Dissatisfied;
    }
}

/// <summary>The bytes of a document as the evidence store keeps them.</summary>
public sealed record StoredDocument(string StorageKey, string ContentType, long SizeBytes, string Sha256);

/// <summary>A document of a phase (publicity notice, self-check report, investigation report, rectification report...), in the evidence store.</summary>
public class EvaluationDocument
{
    public const int MaxNameLength = 200;

    private EvaluationDocument() { }

    internal EvaluationDocument(EvaluationPhase phase, string originalName, StoredDocument stored, string uploadedBy, DateTime uploadedAtUtc)
    {
        Phase = phase;
        OriginalName = originalName.Length > MaxNameLength ? originalName[..MaxNameLength] : originalName;
        ContentType = stored.ContentType;
        SizeBytes = stored.SizeBytes;
        Sha256 = stored.Sha256;
        StorageKey = stored.StorageKey;
        UploadedBy = uploadedBy;
        UploadedAtUtc = uploadedAtUtc;
    }

    public long Id { get; private set; }
    public int EvaluationId { get; private set; }
    public EvaluationPhase Phase { get; private set; }
    public string OriginalName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string StorageKey { get; private set; } = "";
    public string UploadedBy { get; private set; } = "";
    public DateTime UploadedAtUtc { get; private set; }
}
