using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using FluentValidation;

namespace DeputyPerformance.Domain.Suggestions;

/// <summary>A new (or resubmitted) suggestion as the form or the deputy gives it.</summary>
public sealed class SuggestionInput
{
    public int? DeputyId { get; set; }
    public string Title { get; set; } = "";
    public string Content { get; set; } = "";
    public string? Field { get; set; }
    public List<int> CoSignerIds { get; set; } = [];
}

public sealed class SuggestionInputValidator : AbstractValidator<SuggestionInput>
{
    public SuggestionInputValidator()
    {
        RuleFor(x => x.DeputyId).NotNull().WithText("Suggestion_DeputyRequired");
        RuleFor(x => x.Title).NotEmpty().WithText("Suggestion_TitleRequired")
            .MaximumLength(Suggestion.MaxTitleLength).WithText("Suggestion_TitleTooLong");
        RuleFor(x => x.Content).NotEmpty().WithText("Suggestion_TextRequired")
            .MaximumLength(Suggestion.MaxContentLength).WithText("Suggestion_ContentTooLong");
        RuleFor(x => x.Field).MaximumLength(Suggestion.MaxFieldLength).WithText("Suggestion_FieldTooLong");
    }
}

/// <summary>A department's reply as its handler writes it.</summary>
public sealed class ReplyInput
{
    public ReplyCategory? Category { get; set; }
    public string Text { get; set; } = "";
    public string ContactMethod { get; set; } = "";
}

public sealed class ReplyInputValidator : AbstractValidator<ReplyInput>
{
    public ReplyInputValidator()
    {
        RuleFor(x => x.Category).NotNull().WithText("Suggestion_CategoryRequired");
        RuleFor(x => x.Text).NotEmpty().WithText("Suggestion_TextRequired")
            .MaximumLength(Suggestion.MaxReplyLength).WithText("Suggestion_ContentTooLong");
        RuleFor(x => x.ContactMethod).NotEmpty().WithText("Suggestion_ContactRequired")
            .MaximumLength(Suggestion.MaxContactLength).WithText("Suggestion_ContactTooLong");
    }
}

/// <summary>The board's filters: a year, optionally a status, a lead department, only the late ones, a search text.</summary>
public sealed record SuggestionFilter(int Year, SuggestionStatus? Status = null, int? DepartmentId = null, bool OverdueOnly = false, bool KeyOnly = false,
    bool SupervisedByMe = false);

public sealed record SuggestionRow(
    int Id, int Year, int Number, string Title, string DeputyName, string DeputyNumber, SuggestionStatus Status, string? Department,
    DateOnly SubmittedOn, DateOnly? AssignedOn, DateOnly? DueOn, DueMark Mark, int UrgeCount, ReplyCategory? ReplyCategory,
    SatisfactionOption? Rating, bool IsKey);

public sealed record SuggestionReplyView(
    int Round, ReplyCategory Category, string Text, string ContactMethod, DateOnly RepliedOn, string RepliedBy, SatisfactionOption? Rating,
    DateOnly? RatedOn, int? VoteId, bool IsPublished = false, string? PublishedBy = null, DateTime? PublishedAtUtc = null);

public sealed record CoHandlerView(int DepartmentId, string Department, DateOnly OpinionDue, string? Opinion, DateOnly? OpinionOn);

public sealed record SuggestionEventView(SuggestionAction? Action, string By, DateTime AtUtc, string? Note);

public sealed record SuggestionDetail(
    int Id, int Year, int Number, string Title, string Content, string? Field, int DeputyId, string DeputyName, string DeputyNumber,
    IReadOnlyList<string> CoSigners, SuggestionStatus Status, DateOnly SubmittedOn, string? ReturnReason, int? LeadDepartmentId,
    string? LeadDepartment, IReadOnlyList<CoHandlerView> CoHandlers, DateOnly? AssignedOn, DateOnly? DueOn, DueMark Mark, bool IsExtended,
    string? ExtensionReason, int Rehandlings, int UrgeCount, bool? RepliedOnTime, IReadOnlyList<SuggestionReplyView> Replies,
    IReadOnlyList<SuggestionEventView> Events, bool IsKey, string? Supervisor, IReadOnlyList<SuggestionAction> Offered,
    KeySupervisionView? Key, IReadOnlyList<AttachmentView> Attachments, IReadOnlyList<AttachmentKind> CanAttach)
{
    public bool Can(SuggestionAction action) => Offered.Contains(action);
}

/// <summary>A key suggestion's supervision as its section shows it.</summary>
public sealed record KeySupervisionView(
    int? SupervisorMemberId, string Supervisor, string? PickedBy, DateTime? PickedAtUtc, string? Plan, DateOnly? PlanStart, DateOnly? PlanEnd,
    KeyVoteBody? VoteBody, IReadOnlyList<SupervisionVisitView> Visits, int? VoteId, bool VotePending, DepartmentGrade? Grade, decimal? SatisfactionRate,
    DateOnly? ConcludedOn);

public sealed record SupervisionVisitView(DateOnly On, VisitKind Kind, string Participants, string? Notes, string RecordedBy);

public sealed record AttachmentView(long Id, AttachmentKind Kind, int? ReplyRound, string OriginalName, string ContentType, long SizeBytes, string Sha256,
    string UploadedBy, DateTime UploadedAtUtc);

/// <summary>The supervision plan as the office or the vice-chairman writes it.</summary>
public sealed class SupervisionPlanInput
{
    public string Plan { get; set; } = "";
    public DateTime? Start { get; set; }
    public DateTime? End { get; set; }
    public KeyVoteBody VoteBody { get; set; } = KeyVoteBody.Committee;
}

/// <summary>A visit or meeting of the supervision.</summary>
public sealed class VisitInput
{
    public DateTime? On { get; set; }
    public VisitKind Kind { get; set; } = VisitKind.Visit;
    public string Participants { get; set; } = "";
    public string? Notes { get; set; }
}

/// <summary>One published reply on the public list: the suggestion and the department's answer.</summary>
public sealed record PublishedReplyRow(
    int SuggestionId, int Year, int Number, string Title, string Content, string DeputyName, string? Department, int Round, ReplyCategory Category,
    string ReplyText, DateOnly RepliedOn, DateTime PublishedAtUtc);
