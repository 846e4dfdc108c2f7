using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Departments;
using DeputyPerformance.Domain.Deputies;

namespace DeputyPerformance.Domain.Suggestions;

/// <summary>
/// Submitted → Accepted | Letter (not a suggestion) | Returned (with a reason; the deputy may resubmit) → Handling
/// (assigned to a lead department and co-handlers) → Replied (A/B/C/D) → Rated (满意/基本满意; 不满意 reopens the
/// handling while the rule set allows) → Closed.
/// </summary>
public enum SuggestionStatus
{
    Submitted,
    Returned,
    Letter,
    Accepted,
    Handling,
    Replied,
    Rated,
    Closed,
}

public enum SuggestionAction
{
    Accept,
    TurnIntoLetter,
    Return,
    Resubmit,
    Assign,
    Extend,
    Urge,
    ChangeDepartment,
    SendCoOpinion,
    Reply,
    Rate,
    Close,
    // sugg2: key-suggestion supervision (重点建议督办) and the public list of replies.
    MakeKey,
    PlanSupervision,
    LogVisit,
    HoldKeyVote,
    PublishReply,
    UnpublishReply,
}

/// <summary>The reply's category: A solved (已解决), B being solved (正在解决), C planned (计划解决), D for reference (留作参考).</summary>
public enum ReplyCategory
{
    A,
    B,
    C,
    D,
}

/// <summary>
/// 代表建议、批评和意见: one deputy's written suggestion (with co-signers), numbered per congress session (year), handled
/// by a lead government department. A guarded state machine: <see cref="AllowedActions"/> says what the state allows
/// now, every transition checks it and throws otherwise (who may act is the service's <see cref="SuggestionPolicy"/>).
/// </summary>
public partial class Suggestion
{
    public const int MaxTitleLength = 200;
    public const int MaxContentLength = 8000;
    public const int MaxFieldLength = 50;
    public const int MaxReasonLength = 500;
    public const int MaxReplyLength = 8000;
    public const int MaxContactLength = 100;
    public const int MaxSupervisorLength = 50;

    private readonly List<SuggestionCoSigner> _coSigners = [];
    private readonly List<SuggestionCoHandler> _coHandlers = [];
    private readonly List<SuggestionReply> _replies = [];
    private readonly List<SuggestionEvent> _events = [];
    private readonly List<SupervisionVisit> _visits = [];
    private readonly List<SuggestionAttachment> _attachments = [];

    private Suggestion() { }

    public Suggestion(int year, int number, int deputyId, int townId, string title, string content, string? field,
        IEnumerable<int> coSignerIds, string by, DateTime atUtc)
    {
        if (number <= 0) throw new DomainException("ValueInvalid");
        Year = year;
        Number = number;
        DeputyId = deputyId;
        TownId = townId;
        SetText(title, content, field);
        foreach (var id in coSignerIds.Distinct().Where(id => id != deputyId))
        {
            _coSigners.Add(new SuggestionCoSigner(id));
        }

        Status = SuggestionStatus.Submitted;
        SubmittedBy = by;
        SubmittedOn = DateOnly.FromDateTime(atUtc);
        Record(SuggestionAction.Resubmit, by, atUtc, null, isSubmission: true);
    }

    public int Id { get; private set; }
    /// <summary>The congress session's year; <see cref="Number"/> is unique within it.</summary>
    public int Year { get; private set; }
    public int Number { get; private set; }
    /// <summary>The lead deputy (领衔代表).</summary>
    public int DeputyId { get; private set; }
    public Deputy? Deputy { get; private set; }
    /// <summary>The lead deputy's town when submitted (a copy, for the town clerk's scope).</summary>
    public int TownId { get; private set; }
    public string Title { get; private set; } = "";
    public string Content { get; private set; } = "";
    public string? Field { get; private set; }
    public SuggestionStatus Status { get; private set; }
    public string SubmittedBy { get; private set; } = "";
    public DateOnly SubmittedOn { get; private set; }
    public string? ReturnReason { get; private set; }
    public DateOnly? ReviewedOn { get; private set; }
    public int? LeadDepartmentId { get; private set; }
    public GovernmentDepartment? LeadDepartment { get; private set; }
    public DateOnly? AssignedOn { get; private set; }
    /// <summary>The reply awaited now is due on this day (the rehandling's deadline after a 不满意).</summary>
    public DateOnly? DueOn { get; private set; }
    public bool IsExtended { get; private set; }
    public string? ExtensionReason { get; private set; }
    public int Rehandlings { get; private set; }
    public int UrgeCount { get; private set; }
    public DateOnly? FirstRepliedOn { get; private set; }
    /// <summary>The first reply came by its deadline (null before it): the on-time rate counts this.</summary>
    public bool? RepliedOnTime { get; private set; }
    public ReplyCategory? ReplyCategory { get; private set; }
    public SatisfactionOption? Rating { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    /// <summary>A key suggestion (重点建议) of the year, supervised by a vice-chairman of the standing committee.</summary>
    public bool IsKey { get; private set; }
    public string? Supervisor { get; private set; }

    public IReadOnlyList<SuggestionCoSigner> CoSigners => _coSigners;
    public IReadOnlyList<SuggestionCoHandler> CoHandlers => _coHandlers;
    public IReadOnlyList<SuggestionReply> Replies => _replies;
    public IReadOnlyList<SuggestionEvent> Events => _events;
    public IReadOnlyList<SupervisionVisit> Visits => _visits;
    public IReadOnlyList<SuggestionAttachment> Attachments => _attachments;

    /// <summary>A department's reply is awaited (the clock runs).</summary>
    public bool AwaitsReply => Status == SuggestionStatus.Handling;

    public DueMark Mark(DateOnly today, SuggestionRuleSet rules) => SuggestionClock.Mark(DueOn, AwaitsReply, today, rules);

    /// <summary>What the state allows now; the page offers exactly these (to the callers the policy allows).</summary>
    public IReadOnlySet<SuggestionAction> AllowedActions()
    {
        var actions = StateActions();
        actions.UnionWith(KeyActions());
        actions.UnionWith(PublishActions());
        return actions;
    }

    private HashSet<SuggestionAction> StateActions() => Status switch
    {
        SuggestionStatus.Submitted => new HashSet<SuggestionAction> { SuggestionAction.Accept, SuggestionAction.TurnIntoLetter, SuggestionAction.Return },
        SuggestionStatus.Returned => new HashSet<SuggestionAction> { SuggestionAction.Resubmit },
        SuggestionStatus.Accepted => new HashSet<SuggestionAction> { SuggestionAction.Assign, SuggestionAction.TurnIntoLetter },
        SuggestionStatus.Handling => Handling(),
        SuggestionStatus.Replied => new HashSet<SuggestionAction> { SuggestionAction.Rate },
        SuggestionStatus.Rated => new HashSet<SuggestionAction> { SuggestionAction.Close },
        _ => new HashSet<SuggestionAction>(),
    };

    private HashSet<SuggestionAction> Handling()
    {
        var actions = new HashSet<SuggestionAction> { SuggestionAction.Urge, SuggestionAction.ChangeDepartment, SuggestionAction.Reply };
        // One extension, of the first deadline only: a rehandling has its own short deadline.
        if (!IsExtended && Rehandlings == 0) actions.Add(SuggestionAction.Extend);
        if (_coHandlers.Count > 0) actions.Add(SuggestionAction.SendCoOpinion);
        return actions;
    }

    internal void Require(SuggestionAction action)
    {
        if (!AllowedActions().Contains(action)) throw new DomainException("Suggestion_IllegalTransition");
    }

    public void Accept(string by, DateTime atUtc)
    {
        Require(SuggestionAction.Accept);
        Status = SuggestionStatus.Accepted;
        ReviewedOn = DateOnly.FromDateTime(atUtc);
        Record(SuggestionAction.Accept, by, atUtc, null);
    }

    /// <summary>Not a suggestion but a letter (来信): handled elsewhere; an accepted one loses its duty log (the service removes it).</summary>
    public void TurnIntoLetter(string? note, string by, DateTime atUtc)
    {
        Require(SuggestionAction.TurnIntoLetter);
        Status = SuggestionStatus.Letter;
        ReviewedOn = DateOnly.FromDateTime(atUtc);
        Record(SuggestionAction.TurnIntoLetter, by, atUtc, Clean(note));
    }

    public void Return(string reason, string by, DateTime atUtc)
    {
        Require(SuggestionAction.Return);
        ReturnReason = Reason(reason);
        Status = SuggestionStatus.Returned;
        ReviewedOn = DateOnly.FromDateTime(atUtc);
        Record(SuggestionAction.Return, by, atUtc, ReturnReason);
    }

    /// <summary>The deputy amended his returned suggestion: it is reviewed again.</summary>
    public void Resubmit(string title, string content, string? field, string by, DateTime atUtc)
    {
        Require(SuggestionAction.Resubmit);
        SetText(title, content, field);
        Status = SuggestionStatus.Submitted;
        ReturnReason = null;
        Record(SuggestionAction.Resubmit, by, atUtc, null);
    }

    /// <summary>Hands the suggestion to a lead department and co-handlers; the reply is due by the rule set's months.</summary>
    public void Assign(int leadDepartmentId, IEnumerable<int> coDepartmentIds, DateOnly on, SuggestionRuleSet rules, string by, DateTime atUtc)
    {
        Require(SuggestionAction.Assign);
        LeadDepartmentId = leadDepartmentId;
        AssignedOn = on;
        DueOn = SuggestionClock.ReplyDue(on, rules);
        _coHandlers.Clear();
        foreach (var id in coDepartmentIds.Distinct().Where(id => id != leadDepartmentId))
        {
            _coHandlers.Add(new SuggestionCoHandler(id, SuggestionClock.CoOpinionDue(on, rules)));
        }

        Status = SuggestionStatus.Handling;
        Record(SuggestionAction.Assign, by, atUtc, null);
    }

    /// <summary>Extends the first deadline once, with a reason, to the rule set's extended months from the assignment.</summary>
    public void Extend(string reason, SuggestionRuleSet rules, string by, DateTime atUtc)
    {
        Require(SuggestionAction.Extend);
        ExtensionReason = Reason(reason);
        IsExtended = true;
        DueOn = SuggestionClock.ExtendedReplyDue(AssignedOn!.Value, rules);
        Record(SuggestionAction.Extend, by, atUtc, ExtensionReason);
    }

    /// <summary>催办: recorded and counted; the deadline stays.</summary>
    public void Urge(string? note, string by, DateTime atUtc)
    {
        Require(SuggestionAction.Urge);
        UrgeCount++;
        Record(SuggestionAction.Urge, by, atUtc, Clean(note));
    }

    /// <summary>Another lead department, with a reason; the deadline stays (the clock does not restart).</summary>
    public void ChangeDepartment(int departmentId, string reason, string by, DateTime atUtc)
    {
        Require(SuggestionAction.ChangeDepartment);
        if (departmentId == LeadDepartmentId) throw new DomainException("Suggestion_SameDepartment");
        var note = Reason(reason);
        _coHandlers.RemoveAll(c => c.DepartmentId == departmentId);
        LeadDepartmentId = departmentId;
        Record(SuggestionAction.ChangeDepartment, by, atUtc, note);
    }

    /// <summary>A co-handling department's opinion to the lead department.</summary>
    public void SendCoOpinion(int departmentId, string text, string by, DateTime atUtc)
    {
        Require(SuggestionAction.SendCoOpinion);
        var handler = _coHandlers.FirstOrDefault(c => c.DepartmentId == departmentId) ?? throw new DomainException("Suggestion_NotCoHandler");
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("Suggestion_TextRequired");
        if (text.Trim().Length > MaxReplyLength) throw new DomainException("Suggestion_TextTooLong", MaxReplyLength);
        handler.Send(text.Trim(), DateOnly.FromDateTime(atUtc));
        Record(SuggestionAction.SendCoOpinion, by, atUtc, null);
    }

    /// <summary>The lead department's reply: its category, text and how it spoke with the deputy (沟通方式).</summary>
    public SuggestionReply Reply(ReplyCategory category, string text, string contactMethod, DateOnly on, string by, DateTime atUtc)
    {
        Require(SuggestionAction.Reply);
        if (!Enum.IsDefined(category)) throw new DomainException("ValueInvalid");
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("Suggestion_TextRequired");
        if (text.Trim().Length > MaxReplyLength) throw new DomainException("Suggestion_TextTooLong", MaxReplyLength);
        if (string.IsNullOrWhiteSpace(contactMethod)) throw new DomainException("Suggestion_ContactRequired");
        if (contactMethod.Trim().Length > MaxContactLength) throw new DomainException("Suggestion_TextTooLong", MaxContactLength);
        if (FirstRepliedOn is null)
        {
            FirstRepliedOn = on;
            RepliedOnTime = on <= DueOn;
        }

        var reply = new SuggestionReply(_replies.Count + 1, category, text.Trim(), contactMethod.Trim(), on, by);
        _replies.Add(reply);
        ReplyCategory = category;
        Status = SuggestionStatus.Replied;
        Record(SuggestionAction.Reply, by, atUtc, category.ToString());
        return reply;
    }

    /// <summary>
    /// The deputy's rating of the latest reply (the result of its vote). 不满意 reopens the handling with a new deadline
    /// while the rule set allows another round; otherwise the rating stands and the suggestion waits to be closed.
    /// </summary>
    public void Rate(SatisfactionOption rating, DateOnly on, int? voteId, SuggestionRuleSet rules, string by, DateTime atUtc)
    {
        Require(SuggestionAction.Rate);
        if (!Enum.IsDefined(rating)) throw new DomainException("ValueInvalid");
        _replies[^1].Rate(rating, on, voteId);
        Rating = rating;
        if (rating == SatisfactionOption.Dissatisfied && Rehandlings < rules.MaxRehandlings)
        {
            Rehandlings++;
            DueOn = SuggestionClock.RehandlingDue(on, rules);
            Status = SuggestionStatus.Handling;
        }
        else
        {
            Status = SuggestionStatus.Rated;
        }

        Record(SuggestionAction.Rate, by, atUtc, rating.ToString());
    }

    public void Close(string by, DateTime atUtc)
    {
        Require(SuggestionAction.Close);
        Status = SuggestionStatus.Closed;
        ClosedOn = DateOnly.FromDateTime(atUtc);
        Record(SuggestionAction.Close, by, atUtc, null);
    }

    /// <summary>The deputies whose suggestion this is: the lead first, then the co-signers.</summary>
    public IEnumerable<int> DeputyIds() => new[] { DeputyId }.Concat(_coSigners.Select(c => c.DeputyId));

    /// <summary>The department is the lead or a co-handler: its handlers may read the suggestion.</summary>
    public bool IsHandledBy(int departmentId) => LeadDepartmentId == departmentId || _coHandlers.Any(c => c.DepartmentId == departmentId);

    private void SetText(string title, string content, string? field)
    {
        if (string.IsNullOrWhiteSpace(title)) throw new DomainException("Suggestion_TitleRequired");
        if (string.IsNullOrWhiteSpace(content)) throw new DomainException("Suggestion_TextRequired");
        if (title.Trim().Length > MaxTitleLength) throw new DomainException("Suggestion_TextTooLong", MaxTitleLength);
        if (content.Trim().Length > MaxContentLength) throw new DomainException("Suggestion_TextTooLong", MaxContentLength);
        var f = Clean(field);
        if (f is { Length: > MaxFieldLength }) throw new DomainException("Suggestion_TextTooLong", MaxFieldLength);
        Title = title.Trim();
        Content = content.Trim();
        Field = f;
    }

    private static string Reason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Suggestion_ReasonRequired");
        var r = reason.Trim();
        if (r.Length > MaxReasonLength) throw new DomainException("Suggestion_TextTooLong", MaxReasonLength);
        return r;
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal void Record(SuggestionAction action, string by, DateTime atUtc, string? note, bool isSubmission = false) =>
        _events.Add(new SuggestionEvent(isSubmission ? null : action, by, atUtc, note));
}

public class SuggestionCoSigner
{
    private SuggestionCoSigner() { }

    public SuggestionCoSigner(int deputyId) => DeputyId = deputyId;

    public int Id { get; private set; }
    public int SuggestionId { get; private set; }
    public int DeputyId { get; private set; }
}

/// <summary>A co-handling department (协办单位): it sends its opinion to the lead department by its own deadline.</summary>
public class SuggestionCoHandler
{
    private SuggestionCoHandler() { }

    public SuggestionCoHandler(int departmentId, DateOnly opinionDue)
    {
        DepartmentId = departmentId;
        OpinionDue = opinionDue;
    }

    public int Id { get; private set; }
    public int SuggestionId { get; private set; }
    public int DepartmentId { get; private set; }
    public DateOnly OpinionDue { get; private set; }
    public string? Opinion { get; private set; }
    public DateOnly? OpinionOn { get; private set; }

    internal void Send(string text, DateOnly on)
    {
        Opinion = text;
        OpinionOn = on;
    }
}

/// <summary>One reply of the lead department and the deputy's rating of it (a vote of the vote engine).</summary>
public class SuggestionReply
{
    private SuggestionReply() { }

    internal SuggestionReply(int round, ReplyCategory category, string text, string contactMethod, DateOnly on, string by)
    {
        Round = round;
        Category = category;
        Text = text;
        ContactMethod = contactMethod;
        RepliedOn = on;
        RepliedBy = by;
    }

    public int Id { get; private set; }
    public int SuggestionId { get; private set; }
    public int Round { get; private set; }
    public ReplyCategory Category { get; private set; }
    public string Text { get; private set; } = "";
    public string ContactMethod { get; private set; } = "";
    public DateOnly RepliedOn { get; private set; }
    public string RepliedBy { get; private set; } = "";
    public SatisfactionOption? Rating { get; private set; }
    public DateOnly? RatedOn { get; private set; }
    /// <summary>The confirmed vote of the vote engine that holds the rating.</summary>
    public int? VoteId { get; private set; }
    /// <summary>The county published this reply on the public list of replies (公开答复), and who did when.</summary>
    public bool IsPublished { get; private set; }
    public string? PublishedBy { get; private set; }
    public DateTime? PublishedAtUtc { get; private set; }

    internal void Publish(bool published, string by, DateTime atUtc)
    {
        IsPublished = published;
        PublishedBy = by;
        PublishedAtUtc = atUtc;
    }

    internal void Rate(SatisfactionOption rating, DateOnly on, int? voteId)
    {
        Rating = rating;
        RatedOn = on;
        VoteId = voteId;
    }
}

/// <summary>The suggestion's history: who did what when, and why (a return, an extension, a change of department, an urging).</summary>
public class SuggestionEvent
{
    private SuggestionEvent() { }

    internal SuggestionEvent(SuggestionAction? action, string by, DateTime atUtc, string? note)
    {
        Action = action;
        By = by;
        AtUtc = atUtc;
        Note = note;
    }

    public long Id { get; private set; }
    public int SuggestionId { get; private set; }
    /// <summary>Null: the submission itself.</summary>
    public SuggestionAction? Action { get; private set; }
    public string By { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public string? Note { get; private set; }
}
