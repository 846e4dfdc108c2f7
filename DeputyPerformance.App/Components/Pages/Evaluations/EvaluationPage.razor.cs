using System.Globalization;
using DeputyPerformance.App.Resources;
using DeputyPerformance.App.Components.Pages.Duties;
using DeputyPerformance.App.Security;
using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Evaluations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DeputyPerformance.App.Components.Pages.Evaluations;

/// <summary>One evaluation: its timeline, the steps the domain allows now, the votes, the documents.</summary>
public partial class EvaluationPage
{
    [Inject] private EvaluationService Evaluations { get; set; } = default!;
    [Inject] private CallerAccessor Callers { get; set; } = default!;
    [Inject] private EvidenceOptions Evidence { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private VoteService Votes { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private IStringLocalizer<EvaluationUiText> T { get; set; } = default!;

    /// <summary>The evaluation's id.</summary>
    [Parameter] public int Id { get; set; }

    private readonly DialogOptions _dialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
    private EvaluationDetail? _detail;
    private string? _error, _dialogError;
    private bool _busy, _stepOpen, _voteOpen, _phaseOpen;
    private EvaluationAction? _pendingAction;
    private EvaluationStepInput _step = new();
    private PhasePlanInput _plan = new();
    private EvaluationPhase _documentPhase;

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _error = null;
            _detail = await Evaluations.GetAsync(await Callers.GetAsync(), Id);
            if (_detail.Phase is not (EvaluationPhase.Closed or EvaluationPhase.Withdrawn)) _documentPhase = _detail.Phase;
        }
        catch (DomainException ex)
        {
            _detail = null;
            _error = ex.Message;
        }
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Range(DateOnly? from, DateOnly? to) =>
        from is null && to is null ? "" : $"{(from is { } f ? Date(f) : "…")} – {(to is { } t ? Date(t) : "…")}";

    private void Begin(EvaluationAction action)
    {
        _dialogError = null;
        if (action == EvaluationAction.HoldVote)
        {
            _voteOpen = true;
            return;
        }

        _pendingAction = action;
        _step = new EvaluationStepInput { On = DateOnly.FromDateTime(DateTime.Today) };
        _stepOpen = true;
    }

    private async Task StepAsync()
    {
        if (_busy || _pendingAction is not { } action) return;
        _busy = true;
        try
        {
            await Evaluations.ActAsync(await Callers.GetAsync(), Id, action, _step);
            // A second click queued behind this one finds no pending step and does nothing.
            _pendingAction = null;
            _stepOpen = false;
            Snackbar.Add(L["Saved"], Severity.Success);
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

    /// <summary>The vote itself runs on the shared vote page; the evaluation's owner in the domain decides whether one may be held now.</summary>
    private async Task HoldVoteAsync(VoteMode mode)
    {
        if (_busy) return;
        _busy = true;
        try
        {
            var voteId = await Votes.CreateAsync(await Callers.GetAsync(), new VoteSubject(VoteKind.DepartmentEvaluation, Id), mode);
            _voteOpen = false;
            Nav.NavigateTo($"/votes/{voteId}");
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

    private void EditPhase(EvaluationPhaseRow row)
    {
        _dialogError = null;
        _plan = new PhasePlanInput
        {
            Phase = row.Phase, PlannedStart = row.PlannedStart, PlannedEnd = row.PlannedEnd, Responsible = row.Responsible, Notes = row.Notes,
        };
        _phaseOpen = true;
    }

    private async Task SavePhaseAsync()
    {
        if (_busy) return;
        _busy = true;
        try
        {
            await Evaluations.PlanPhaseAsync(await Callers.GetAsync(), Id, _plan);
            _phaseOpen = false;
            Snackbar.Add(L["Saved"], Severity.Success);
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

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null || _busy) return;
        _busy = true;
        try
        {
            var uploads = await EvidenceUploads.ReadAsync([file], Evidence.MaxBytes);
            await using var content = uploads[0].Content;
            await Evaluations.AddDocumentAsync(await Callers.GetAsync(), Id, _documentPhase, uploads[0].FileName, content);
            Snackbar.Add(L["Saved"], Severity.Success);
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
