using System.Globalization;
using DeputyPerformance.App.Components.Pages.Duties;
using DeputyPerformance.App.Resources;
using DeputyPerformance.App.Security;
using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Suggestions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DeputyPerformance.App.Components.Pages.Suggestions;

/// <summary>One suggestion: its facts, the steps the domain offers this caller now, the replies with their ratings, the history.</summary>
public partial class SuggestionPage
{
    [Inject] private SuggestionService Suggestions { get; set; } = default!;
    [Inject] private CallerAccessor Callers { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private VoteService Votes { get; set; } = default!;
    [Inject] private EvidenceOptions Evidence { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private IStringLocalizer<SuggestionUiText> T { get; set; } = default!;

    /// <summary>The suggestion's id.</summary>
    [Parameter] public int Id { get; set; }

    private readonly DialogOptions _dialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
    private SuggestionDetail? _detail;
    private IReadOnlyList<Option> _departments = [];
    private string? _error, _dialogError, _text;
    private bool _busy, _open;
    private SuggestionAction? _pending;
    private int? _departmentId;
    private IReadOnlyCollection<int> _coDepartments = [];
    private ReplyInput _reply = new();
    private SuggestionInput _resubmit = new();
    private SatisfactionOption? _rating;
    private int? _supervisor;
    private IReadOnlyList<Option> _supervisors = [];
    private SupervisionPlanInput _plan = new();
    private VisitInput _visit = new();
    private VoteMode _voteMode = VoteMode.Paper;

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _error = null;
            _detail = await Suggestions.GetAsync(await Callers.GetAsync(), Id);
        }
        catch (DomainException ex)
        {
            _detail = null;
            _error = ex.Message;
        }
    }

    /// <summary>A rating or a reply category is stored as its code: shown by its name.</summary>
    private static string? NoteOf(SuggestionEventView e) => e.Action switch
    {
        SuggestionAction.Rate when Enum.TryParse<SatisfactionOption>(e.Note, out var o) => DomainText.Get("Option_" + o),
        SuggestionAction.Reply when Enum.TryParse<ReplyCategory>(e.Note, out var c) => DomainText.Get("ReplyCategory_" + c),
        SuggestionAction.LogVisit when Enum.TryParse<VisitKind>(e.Note, out var k) => DomainText.Get("VisitKind_" + k),
        _ => e.Note,
    };

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private async Task Begin(SuggestionAction action)
    {
        _dialogError = null;
        _pending = action;
        _text = null;
        _departmentId = null;
        _coDepartments = [];
        _reply = new ReplyInput();
        _rating = null;
        _resubmit = new SuggestionInput { DeputyId = _detail!.DeputyId, Title = _detail.Title, Content = _detail.Content, Field = _detail.Field };
        if (action is SuggestionAction.Assign or SuggestionAction.ChangeDepartment && _departments.Count == 0)
        {
            _departments = await Suggestions.DepartmentOptionsAsync();
        }

        if (action == SuggestionAction.MakeKey)
        {
            _supervisors = await Suggestions.SupervisorOptionsAsync();
            _supervisor = null;
        }

        var key = _detail.Key;
        _plan = new SupervisionPlanInput
        {
            Plan = key?.Plan ?? "", Start = key?.PlanStart?.ToDateTime(TimeOnly.MinValue) ?? DateTime.Today,
            End = key?.PlanEnd?.ToDateTime(TimeOnly.MinValue) ?? DateTime.Today.AddMonths(6),
            VoteBody = key?.VoteBody ?? KeyVoteBody.Committee,
        };
        _visit = new VisitInput { On = DateTime.Today };
        _voteMode = VoteMode.Paper;

        _open = true;
    }

    private async Task ConfirmAsync()
    {
        if (_busy || _pending is not { } action) return;
        _busy = true;
        try
        {
            _dialogError = null;
            var caller = await Callers.GetAsync();
            await (action switch
            {
                SuggestionAction.Accept => Suggestions.AcceptAsync(caller, Id),
                SuggestionAction.TurnIntoLetter => Suggestions.TurnIntoLetterAsync(caller, Id, _text),
                SuggestionAction.Return => Suggestions.ReturnAsync(caller, Id, _text ?? ""),
                SuggestionAction.Resubmit => Suggestions.ResubmitAsync(caller, Id, _resubmit),
                SuggestionAction.Assign => _departmentId is { } lead
                    ? Suggestions.AssignAsync(caller, Id, lead, _coDepartments.ToList())
                    : throw new DomainException("Suggestion_DepartmentUnknown"),
                SuggestionAction.Extend => Suggestions.ExtendAsync(caller, Id, _text ?? ""),
                SuggestionAction.Urge => Suggestions.UrgeAsync(caller, Id, _text),
                SuggestionAction.ChangeDepartment => _departmentId is { } to
                    ? Suggestions.ChangeDepartmentAsync(caller, Id, to, _text ?? "")
                    : throw new DomainException("Suggestion_DepartmentUnknown"),
                SuggestionAction.SendCoOpinion => Suggestions.SendCoOpinionAsync(caller, Id, _text ?? ""),
                SuggestionAction.Reply => Suggestions.ReplyAsync(caller, Id, _reply),
                SuggestionAction.Rate => _rating is { } r ? Suggestions.RateAsync(caller, Id, r) : throw new DomainException("Suggestion_RatingRequired"),
                SuggestionAction.Close => Suggestions.CloseAsync(caller, Id),
                SuggestionAction.MakeKey => _supervisor is { } member
                    ? Suggestions.MakeKeyAsync(caller, Id, member)
                    : throw new DomainException("Suggestion_SupervisorRequired"),
                SuggestionAction.PlanSupervision => Suggestions.PlanSupervisionAsync(caller, Id, _plan),
                SuggestionAction.LogVisit => Suggestions.LogVisitAsync(caller, Id, _visit),
                SuggestionAction.PublishReply => Suggestions.PublishReplyAsync(caller, Id, true),
                SuggestionAction.UnpublishReply => Suggestions.PublishReplyAsync(caller, Id, false),
                SuggestionAction.HoldKeyVote => HoldKeyVoteAsync(caller),
                _ => throw new DomainException("ValueInvalid"),
            });
            if (action == SuggestionAction.HoldKeyVote) return;
            _open = false;
            Snackbar.Add(T["Saved"], Severity.Success);
            await LoadAsync();
        }
        catch (DomainException ex)
        {
            _dialogError = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The key vote runs on the shared vote page; the key suggestion's owner in the domain decides whether one may be held now.</summary>
    private async Task HoldKeyVoteAsync(Caller caller)
    {
        var voteId = await Votes.CreateAsync(caller, new VoteSubject(VoteKind.KeySuggestion, Id), _voteMode);
        _open = false;
        Nav.NavigateTo($"/votes/{voteId}");
    }

    /// <summary>Adds a file of the given kind; the domain checks who may, the type by content and the size.</summary>
    private async Task UploadAsync(AttachmentKind kind, IBrowserFile? file)
    {
        if (file is null || _busy) return;
        _busy = true;
        try
        {
            var uploads = await EvidenceUploads.ReadAsync([file], Evidence.MaxBytes);
            await using var content = uploads[0].Content;
            await Suggestions.AddAttachmentAsync(await Callers.GetAsync(), Id, kind, uploads[0].FileName, content);
            Snackbar.Add(T["Saved"], Severity.Success);
            await LoadAsync();
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        catch (IOException)
        {
            Snackbar.Add(DomainText.Format("Evidence_TooLarge", Evidence.MaxBytes / (1024 * 1024)), Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
