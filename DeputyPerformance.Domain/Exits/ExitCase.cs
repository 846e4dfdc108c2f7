using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;

namespace DeputyPerformance.Domain.Exits;

public enum ExitCaseState
{
    Flagged,
    UnderReview,
    WarningTalk,
    PersuadedToResign,
    ResignationPending,
    RecallPending,
    Suspended,
    Closed,
    Dismissed,
}

public enum ExitCaseAction
{
    StartReview,
    FileDefence,
    HoldWarningTalk,
    PersuadeToResign,
    ReceiveResignation,
    DecideResignation,
    StartRecall,
    DecideRecall,
    Terminate,
    Suspend,
    Restore,
    Close,
    Dismiss,
}

/// <summary>What opened a case: a flag from the data, or a clerk by hand for a fact the data does not hold.</summary>
public enum ExitGround
{
    Flag,
    ResignationLetter,
    OrderedResignation,
    MovedAway,
    LostNationality,
    Conviction,
    Detention,
}

/// <summary>How a closed case ended.</summary>
public enum ExitOutcome
{
    None,
    WarningTalk,
    NotResigned,
    Resigned,
    Recalled,
    Terminated,
    Restored,
}

/// <summary>
/// 代表退出: the procedure that ends or suspends a deputy's mandate, a guarded state machine. flagged → under review (the
/// deputy may file a written defence before the due date) → warning talk | persuaded to resign | resignation | recall |
/// termination | suspension (and restoration) → closed, or dismissed with a reason. Every step is kept (who, when, why).
/// </summary>
public class ExitCase
{
    public const int MaxTextLength = 4000;
    public const int MaxDocumentsPerStep = 10;

    private readonly List<ExitCaseStep> _steps = [];

    private ExitCase() { }

    public ExitCase(int deputyId, int townId, DeputyLevel level, ExitGround ground, string? flagRule, string reason, string by, DateTime atUtc)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Exit_ReasonRequired");
        DeputyId = deputyId;
        TownId = townId;
        Level = level;
        Ground = ground;
        FlagRule = flagRule;
        State = ExitCaseState.Flagged;
        OpenedBy = by;
        OpenedUtc = atUtc;
        _steps.Add(new ExitCaseStep(null, null, ExitCaseState.Flagged, by, atUtc, reason.Trim(), null, null));
    }

    public int Id { get; private set; }
    public int DeputyId { get; private set; }
    public Deputy? Deputy { get; private set; }
    /// <summary>The deputy's town when the case opened: a town clerk's scope.</summary>
    public int TownId { get; private set; }
    public DeputyLevel Level { get; private set; }
    public ExitGround Ground { get; private set; }
    /// <summary>The rule of the flag that opened it (null for a case opened by hand).</summary>
    public string? FlagRule { get; private set; }
    public ExitCaseState State { get; private set; }
    public ExitOutcome Outcome { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public DateTime OpenedUtc { get; private set; }
    public DateOnly? DefenceDueOn { get; private set; }
    public string? DefenceText { get; private set; }
    public DateTime? DefenceFiledUtc { get; private set; }
    public DateTime? ClosedUtc { get; private set; }
    /// <summary>The day the outcome takes effect (mandate ended, suspended since, restored on).</summary>
    public DateOnly? EffectiveOn { get; private set; }
    public IReadOnlyList<ExitCaseStep> Steps => _steps;

    public bool IsOpen => State is not (ExitCaseState.Closed or ExitCaseState.Dismissed);

    /// <summary>The actions the procedure allows in a state (who may take them is the service's question).</summary>
    public static IReadOnlySet<ExitCaseAction> AllowedActions(ExitCaseState state) => state switch
    {
        ExitCaseState.Flagged => Set(ExitCaseAction.StartReview, ExitCaseAction.ReceiveResignation, ExitCaseAction.Terminate,
            ExitCaseAction.Suspend, ExitCaseAction.Dismiss),
        ExitCaseState.UnderReview => Set(ExitCaseAction.FileDefence, ExitCaseAction.HoldWarningTalk, ExitCaseAction.PersuadeToResign,
            ExitCaseAction.ReceiveResignation, ExitCaseAction.StartRecall, ExitCaseAction.Terminate, ExitCaseAction.Suspend, ExitCaseAction.Dismiss),
        ExitCaseState.WarningTalk => Set(ExitCaseAction.Close),
        ExitCaseState.PersuadedToResign => Set(ExitCaseAction.ReceiveResignation, ExitCaseAction.StartRecall, ExitCaseAction.Close),
        ExitCaseState.ResignationPending => Set(ExitCaseAction.DecideResignation),
        ExitCaseState.RecallPending => Set(ExitCaseAction.DecideRecall),
        ExitCaseState.Suspended => Set(ExitCaseAction.Restore, ExitCaseAction.Terminate),
        _ => Set(),
    };

    public IReadOnlySet<ExitCaseAction> AllowedActions() => AllowedActions(State);

    public void StartReview(DateOnly defenceDueOn, string by, DateTime atUtc, string? note)
    {
        Ensure(ExitCaseAction.StartReview);
        if (defenceDueOn < DateOnly.FromDateTime(atUtc)) throw new DomainException("Exit_DueDateInPast");
        DefenceDueOn = defenceDueOn;
        Move(ExitCaseAction.StartReview, ExitCaseState.UnderReview, by, atUtc, note);
    }

    /// <summary>The deputy's written defence (申辩), until the end of the due date; a later one replaces it.</summary>
    public void FileDefence(string text, string? documents, string by, DateTime atUtc)
    {
        Ensure(ExitCaseAction.FileDefence);
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("Exit_DefenceRequired");
        if (DefenceDueOn is { } due && DateOnly.FromDateTime(atUtc) > due) throw new DomainException("Exit_DefenceLate", due);
        DefenceText = text.Trim();
        DefenceFiledUtc = atUtc;
        Move(ExitCaseAction.FileDefence, State, by, atUtc, null, documents);
    }

    public void HoldWarningTalk(string by, DateTime atUtc, string note) =>
        Move(Checked(ExitCaseAction.HoldWarningTalk, note), ExitCaseState.WarningTalk, by, atUtc, note);

    public void PersuadeToResign(string by, DateTime atUtc, string note) =>
        Move(Checked(ExitCaseAction.PersuadeToResign, note), ExitCaseState.PersuadedToResign, by, atUtc, note);

    public void ReceiveResignation(DateOnly letterDate, string by, DateTime atUtc, string? documents) =>
        Move(Checked(ExitCaseAction.ReceiveResignation, "-"), ExitCaseState.ResignationPending, by, atUtc,
            letterDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), documents);

    /// <summary>The body's vote on the resignation: accepted ends the mandate (the service applies it), rejected returns to review.</summary>
    public void DecideResignation(ExitDecision decision, DateOnly on, string by, DateTime atUtc)
    {
        Ensure(ExitCaseAction.DecideResignation);
        if (decision.Passed) Finish(ExitCaseAction.DecideResignation, ExitOutcome.Resigned, on, by, atUtc, decision.Text);
        else Move(ExitCaseAction.DecideResignation, ExitCaseState.UnderReview, by, atUtc, decision.Text, null, decision.RuleKey);
    }

    /// <summary>Opens the recall vote: a petition with at least the rule's number of voters.</summary>
    public void StartRecall(ExitDecision petition, string by, DateTime atUtc, string? documents)
    {
        Ensure(ExitCaseAction.StartRecall);
        if (!petition.Passed) throw new DomainException("Exit_PetitionTooSmall", petition.Yes, petition.Needed);
        Move(ExitCaseAction.StartRecall, ExitCaseState.RecallPending, by, atUtc, petition.Text, documents, petition.RuleKey);
    }

    public void DecideRecall(ExitDecision vote, DateOnly on, string by, DateTime atUtc)
    {
        Ensure(ExitCaseAction.DecideRecall);
        if (vote.Passed) Finish(ExitCaseAction.DecideRecall, ExitOutcome.Recalled, on, by, atUtc, vote.Text, vote.RuleKey);
        else Move(ExitCaseAction.DecideRecall, ExitCaseState.UnderReview, by, atUtc, vote.Text, null, vote.RuleKey);
    }

    /// <summary>The committee announces the termination (代表法 art. 49): the mandate ends on that day.</summary>
    public void Terminate(DateOnly on, string by, DateTime atUtc, string reason) =>
        Finish(Checked(ExitCaseAction.Terminate, reason), ExitOutcome.Terminated, on, by, atUtc, reason);

    /// <summary>Suspension (代表法 art. 48), e.g. during a criminal detention; restoration follows the release.</summary>
    public void Suspend(DateOnly since, string by, DateTime atUtc, string reason)
    {
        Move(Checked(ExitCaseAction.Suspend, reason), ExitCaseState.Suspended, by, atUtc, reason);
        EffectiveOn = since;
    }

    public void Restore(DateOnly on, string by, DateTime atUtc, string reason) =>
        Finish(Checked(ExitCaseAction.Restore, reason), ExitOutcome.Restored, on, by, atUtc, reason);

    /// <summary>Closes a case whose review ended without a change of mandate (after a warning talk, or the deputy did not resign).</summary>
    public void Close(string by, DateTime atUtc, string reason)
    {
        Checked(ExitCaseAction.Close, reason);
        var outcome = State == ExitCaseState.WarningTalk ? ExitOutcome.WarningTalk : ExitOutcome.NotResigned;
        Finish(ExitCaseAction.Close, outcome, DateOnly.FromDateTime(atUtc), by, atUtc, reason);
    }

    public void Dismiss(string by, DateTime atUtc, string reason)
    {
        Checked(ExitCaseAction.Dismiss, reason);
        Move(ExitCaseAction.Dismiss, ExitCaseState.Dismissed, by, atUtc, reason);
        ClosedUtc = atUtc;
    }

    /// <summary>Attaches an uploaded document to the step just taken (its defence, letter or decision); an open or just-closed case only.</summary>
    public ExitCaseDocument AttachToLastStep(string originalName, Evaluations.StoredDocument stored, string by, DateTime atUtc)
    {
        if (_steps.Count == 0) throw new DomainException("ValueInvalid");
        var step = _steps[^1];
        if (step.Files.Count >= MaxDocumentsPerStep) throw new DomainException("Exit_TooManyDocuments", MaxDocumentsPerStep);
        return step.AddFile(Id, originalName, stored, by, atUtc);
    }

    /// <summary>Whether the outcome ends the mandate.</summary>
    public bool EndsMandate => Outcome is ExitOutcome.Resigned or ExitOutcome.Recalled or ExitOutcome.Terminated;

    private ExitCaseAction Checked(ExitCaseAction action, string? reason)
    {
        Ensure(action);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Exit_ReasonRequired");
        return action;
    }

    private void Ensure(ExitCaseAction action)
    {
        if (!AllowedActions().Contains(action)) throw new DomainException("Exit_ActionNotAllowed", DomainText.Get("ExitAction_" + action), DomainText.Get("ExitState_" + State));
    }

    private void Finish(ExitCaseAction action, ExitOutcome outcome, DateOnly on, string by, DateTime atUtc, string? note, string? ruleKey = null)
    {
        Outcome = outcome;
        EffectiveOn = on;
        ClosedUtc = atUtc;
        Move(action, ExitCaseState.Closed, by, atUtc, note, null, ruleKey);
    }

    private void Move(ExitCaseAction action, ExitCaseState to, string by, DateTime atUtc, string? note, string? documents = null, string? ruleKey = null)
    {
        _steps.Add(new ExitCaseStep(action, State, to, by, atUtc, note?.Trim(), documents?.Trim(), ruleKey));
        State = to;
    }

    private static HashSet<ExitCaseAction> Set(params ExitCaseAction[] actions) => [.. actions];
}

/// <summary>One step of a case: the action, the states before and after, who, when, why, documents and the rule that decided.</summary>
public class ExitCaseStep
{
    private readonly List<ExitCaseDocument> _files = [];

    private ExitCaseStep() { }

    internal ExitCaseStep(ExitCaseAction? action, ExitCaseState? from, ExitCaseState to, string by, DateTime atUtc, string? note, string? documents, string? ruleKey)
    {
        Action = action;
        FromState = from;
        ToState = to;
        By = by;
        AtUtc = atUtc;
        Note = note is { Length: > ExitCase.MaxTextLength } ? note[..ExitCase.MaxTextLength] : note;
        Documents = documents is { Length: > ExitCase.MaxTextLength } ? documents[..ExitCase.MaxTextLength] : documents;
        RuleKey = ruleKey;
    }

    public long Id { get; private set; }
    public int ExitCaseId { get; private set; }
    /// <summary>Null for the opening step.</summary>
    public ExitCaseAction? Action { get; private set; }
    public ExitCaseState? FromState { get; private set; }
    public ExitCaseState ToState { get; private set; }
    public string By { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public string? Note { get; private set; }
    /// <summary>The documents named for the step (references such as a file number); uploaded files are <see cref="Files"/>.</summary>
    public string? Documents { get; private set; }
    public string? RuleKey { get; private set; }
    /// <summary>The files uploaded with the step (the defence's documents, a letter, the minutes of a vote), in the evidence store.</summary>
    public IReadOnlyList<ExitCaseDocument> Files => _files;

    internal ExitCaseDocument AddFile(int caseId, string originalName, Evaluations.StoredDocument stored, string uploadedBy, DateTime atUtc)
    {
        var document = new ExitCaseDocument(caseId, originalName, stored, uploadedBy, atUtc);
        _files.Add(document);
        return document;
    }
}

/// <summary>A document of a case's step, its bytes in the evidence store (the same folder as duty-log evidence, so backups hold it).</summary>
public class ExitCaseDocument
{
    public const int MaxNameLength = 200;

    private ExitCaseDocument() { }

    internal ExitCaseDocument(int caseId, string originalName, Evaluations.StoredDocument stored, string uploadedBy, DateTime uploadedAtUtc)
    {
        ExitCaseId = caseId;
        OriginalName = originalName.Length > MaxNameLength ? originalName[..MaxNameLength] : originalName;
        ContentType = stored.ContentType;
        SizeBytes = stored.SizeBytes;
        Sha256 = stored.Sha256;
        StorageKey = stored.StorageKey;
        UploadedBy = uploadedBy;
        UploadedAtUtc = uploadedAtUtc;
    }

    public long Id { get; private set; }
    public int ExitCaseId { get; private set; }
    public long StepId { get; private set; }
    public string OriginalName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string StorageKey { get; private set; } = "";
    public string UploadedBy { get; private set; } = "";
    public DateTime UploadedAtUtc { get; private set; }
}
