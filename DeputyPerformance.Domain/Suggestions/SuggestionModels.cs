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
public sealed record SuggestionFilter(int Year, SuggestionStatus? Status = null, int? DepartmentId = null, bool OverdueOnly = false, bool KeyOnly = false);

public sealed record SuggestionRow(
    int Id, int Year, int Number, string Title, string DeputyName, string DeputyNumber, SuggestionStatus Status, string? Department,
    DateOnly SubmittedOn, DateOnly? AssignedOn, DateOnly? DueOn, DueMark Mark, int UrgeCount, ReplyCategory? ReplyCategory,
    SatisfactionOption? Rating, bool IsKey);

public sealed record SuggestionReplyView(
    int Round, ReplyCategory Category, string Text, string ContactMethod, DateOnly RepliedOn, string RepliedBy, SatisfactionOption? Rating,
    DateOnly? RatedOn, int? VoteId);

public sealed record CoHandlerView(int DepartmentId, string Department, DateOnly OpinionDue, string? Opinion, DateOnly? OpinionOn);

public sealed record SuggestionEventView(SuggestionAction? Action, string By, DateTime AtUtc, string? Note);

public sealed record SuggestionDetail(
    int Id, int Year, int Number, string Title, string Content, string? Field, int DeputyId, string DeputyName, string DeputyNumber,
    IReadOnlyList<string> CoSigners, SuggestionStatus Status, DateOnly SubmittedOn, string? ReturnReason, int? LeadDepartmentId,
    string? LeadDepartment, IReadOnlyList<CoHandlerView> CoHandlers, DateOnly? AssignedOn, DateOnly? DueOn, DueMark Mark, bool IsExtended,
    string? ExtensionReason, int Rehandlings, int UrgeCount, bool? RepliedOnTime, IReadOnlyList<SuggestionReplyView> Replies,
    IReadOnlyList<SuggestionEventView> Events, bool IsKey, string? Supervisor, IReadOnlyList<SuggestionAction> Offered, bool CanMarkKey)
{
    public bool Can(SuggestionAction action) => Offered.Contains(action);
}
