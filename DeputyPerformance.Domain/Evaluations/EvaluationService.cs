using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Evaluations;

/// <summary>
/// The evaluation of government departments (工作评议): the year's selection, the workflow steps, phase plans,
/// documents and the committee's votes. County staff run it; every write is one short context, audited.
/// </summary>
public sealed class EvaluationService(
    IDbContextFactory<DeputyDbContext> factory, IEvidenceStore store, PhasePlanValidator planValidator, TimeProvider clock,
    ILogger<EvaluationService> logger)
{
    public const int MaxDocumentsPerEvaluation = 50;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>
    /// Adds the chosen departments to the year's plan. A department already evaluated in the term, or a plan beyond the
    /// rule set's maximum, gives warnings: nothing is saved until the caller acknowledges them.
    /// </summary>
    public async Task<SelectionResult> SelectAsync(Caller caller, int year, IReadOnlyCollection<int> departmentIds, bool acknowledgeWarnings, CancellationToken ct = default)
    {
        Guard.Allow(EvaluationPolicy.CanRun(caller), caller, "Evaluation.Select", logger, year);
        if (departmentIds.Count == 0) throw new DomainException("Evaluation_NothingSelected");
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var term = await TermOfAsync(db, year, ct);
        var rules = await EvaluationRuleService.EffectiveAsync(db, year, ct);
        var ids = departmentIds.Distinct().ToList();
        var departments = await db.GovernmentDepartments.AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync(ct);
        if (departments.Count != ids.Count) throw new NotFoundException();
        var earlier = await db.DepartmentEvaluations.AsNoTracking()
            .Where(e => ids.Contains(e.DepartmentId) && e.Year >= term.StartYear && e.Year <= term.EndYear && e.Phase != EvaluationPhase.Withdrawn)
            .Select(e => new { e.DepartmentId, e.Year }).ToListAsync(ct);
        var warnings = new List<string>();
        var toAdd = new List<int>();
        foreach (var d in departments.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (!d.IsActiveIn(year)) throw new DomainException("Evaluation_DepartmentNotActive", d.Name, year);
            if (earlier.Any(e => e.DepartmentId == d.Id && e.Year == year)) continue;
            var before = earlier.Where(e => e.DepartmentId == d.Id).Select(e => e.Year).Order().ToList();
            if (before.Count > 0) warnings.Add(DomainText.Format("Evaluation_WarnAlreadyEvaluated", d.Name, string.Join("、", before), term.Name));
            toAdd.Add(d.Id);
        }

        var planned = await db.DepartmentEvaluations.CountAsync(e => e.Year == year && e.Phase != EvaluationPhase.Withdrawn, ct);
        if (planned + toAdd.Count > rules.MaxDepartments) warnings.Add(DomainText.Format("Evaluation_WarnOverMax", planned + toAdd.Count, rules.MaxDepartments, year));
        if (warnings.Count > 0 && !acknowledgeWarnings) return new SelectionResult(false, 0, warnings);
        foreach (var id in toAdd)
        {
            db.DepartmentEvaluations.Add(new DepartmentEvaluation(id, year, Today));
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("{User} planned {Count} department evaluation(s) for {Year}", caller.UserName, toAdd.Count, year);
        return new SelectionResult(true, toAdd.Count, warnings);
    }

    /// <summary>One workflow step other than a vote: complete a phase, publish, receive the rectification report, start the re-vote, close, withdraw.</summary>
    public async Task ActAsync(Caller caller, int evaluationId, EvaluationAction action, EvaluationStepInput input, CancellationToken ct = default)
    {
        Guard.Allow(EvaluationPolicy.CanRun(caller), caller, "Evaluation." + action, logger, evaluationId);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var evaluation = await LoadAsync(db, evaluationId, ct);
        var on = input.On ?? Today;
        if (on > Today) throw new DomainException("Evaluation_DateInFuture");
        switch (action)
        {
            case EvaluationAction.CompletePhase: evaluation.CompletePhase(on); break;
            case EvaluationAction.Publish: evaluation.Publish(on, await EvaluationRuleService.EffectiveAsync(db, evaluation.Year, ct)); break;
            case EvaluationAction.ReceiveRectificationReport: evaluation.ReceiveRectificationReport(on); break;
            case EvaluationAction.StartRevote: evaluation.StartRevote(on); break;
            case EvaluationAction.Close: evaluation.Close(on); break;
            case EvaluationAction.Withdraw: evaluation.Withdraw(input.Reason ?? "", on); break;
            default: throw new DomainException("Evaluation_UseVotePage");
        }

        await db.SaveChangesAsync(ct);
    }

    public async Task PlanPhaseAsync(Caller caller, int evaluationId, PhasePlanInput input, CancellationToken ct = default)
    {
        Guard.Allow(EvaluationPolicy.CanRun(caller), caller, "Evaluation.PlanPhase", logger, evaluationId);
        await planValidator.EnsureValidAsync(input, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var evaluation = await LoadAsync(db, evaluationId, ct);
        evaluation.PlanPhase(input.Phase, input.PlannedStart, input.PlannedEnd, input.Responsible, input.Notes);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Stores a document of a phase in the evidence store (PDF, JPEG or PNG by content) and records it; nothing is left behind on refusal.</summary>
    public async Task<long> AddDocumentAsync(Caller caller, int evaluationId, EvaluationPhase phase, string fileName, Stream content, CancellationToken ct = default)
    {
        Guard.Allow(EvaluationPolicy.CanRun(caller), caller, "Evaluation.AddDocument", logger, evaluationId);
        if (!Enum.IsDefined(phase) || !EvaluationCodes.Workflow.Contains(phase)) throw new DomainException("Evaluation_NoSuchPhase");
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var evaluation = await LoadAsync(db, evaluationId, ct);
        if (evaluation.Documents.Count >= MaxDocumentsPerEvaluation) throw new DomainException("Evaluation_TooManyDocuments", MaxDocumentsPerEvaluation);
        var stored = await store.SaveAsync(content, ct);
        try
        {
            var name = Path.GetFileName(fileName.Trim());
            var document = evaluation.AddDocument(phase, string.IsNullOrEmpty(name) ? "document" + EvidenceSniffer.ExtensionOf(stored.ContentType) : name,
                new StoredDocument(stored.StorageKey, stored.ContentType, stored.SizeBytes, stored.Sha256), caller.UserName, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            return document.Id;
        }
        catch
        {
            await store.DeleteAsync(stored.StorageKey, CancellationToken.None);
            throw;
        }
    }

    /// <summary>A document's bytes for committee members and county staff.</summary>
    public async Task<(EvaluationDocumentRow Info, Stream Content)> OpenDocumentAsync(Caller caller, long documentId, CancellationToken ct = default)
    {
        Guard.Allow(EvaluationPolicy.CanReadAll(caller), caller, "Evaluation.OpenDocument", logger, documentId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var d = await db.EvaluationDocuments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == documentId, ct) ?? throw new NotFoundException();
        return (ToRow(d), await store.OpenReadAsync(d.StorageKey, ct));
    }

    public async Task<EvaluationDetail> GetAsync(Caller caller, int evaluationId, CancellationToken ct = default)
    {
        Guard.Allow(EvaluationPolicy.CanReadAll(caller), caller, "Evaluation.Get", logger, evaluationId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.DepartmentEvaluations.AsNoTracking().AsSplitQuery()
            .Include(x => x.Department).Include(x => x.Phases).Include(x => x.Votes).Include(x => x.Documents)
            .FirstOrDefaultAsync(x => x.Id == evaluationId, ct) ?? throw new NotFoundException();
        var context = await VoteContextAsync(db, e.Year, ct);
        var today = Today;
        var phases = EvaluationCodes.Workflow.Select(e.PhaseRecord)
            .Select(p => new EvaluationPhaseRow(p.Phase, p.PlannedStart, p.PlannedEnd, p.ActualStart, p.ActualEnd, p.Responsible, p.Notes,
                p.Phase == e.Phase, p.Phase == e.Phase && p.IsOverdue(today)))
            .ToList();
        var runs = EvaluationPolicy.CanRun(caller);
        return new EvaluationDetail(e.Id, e.DepartmentId, e.Department!.Name, e.Department.Kind, e.Department.Head, e.Year, e.Phase,
            e.Grade, e.RevoteGrade, e.RectificationRequired, e.RectificationRecommended, e.PublishedOn, e.RectificationDue, e.RectificationReportedOn,
            e.ClosedOn, e.WithdrawnReason, e.NextDate, e.IsOverdue(today),
            e.Phase == EvaluationPhase.Rectification && e.RectificationDue < today,
            runs, runs ? e.AllowedActions() : [], phases,
            e.Votes.OrderBy(v => v.Id).Select(v => new EvaluationVoteRow(v.Id, v.Round, v.VoteId, v.HeldOn, v.Outcome, v.Members, v.Present, v.Issued,
                v.Returned, v.Invalid, v.Satisfied, v.BasicallySatisfied, v.Dissatisfied)).ToList(),
            e.Documents.OrderBy(d => d.Id).Select(ToRow).ToList(), context.Members, context.Denominator);
    }

    /// <summary>The year's board, paged and sorted in the database; overdue = the next date has passed.</summary>
    public async Task<PagedResult<EvaluationBoardRow>> BoardAsync(Caller caller, int year, ListQuery query, bool onlyOverdue = false, CancellationToken ct = default)
    {
        Guard.Allow(EvaluationPolicy.CanReadAll(caller), caller, "Evaluation.Board", logger, year);
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = Today;
        var evaluations = db.DepartmentEvaluations.AsNoTracking().Where(e => e.Year == year);
        if (onlyOverdue) evaluations = evaluations.Where(e => e.NextDate < today && e.Phase != EvaluationPhase.Closed && e.Phase != EvaluationPhase.Withdrawn);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            evaluations = evaluations.Where(e => e.Department!.Name.Contains(s));
        }

        var rows = evaluations.Select(e => new EvaluationBoardRow
        {
            Id = e.Id, DepartmentId = e.DepartmentId, DepartmentName = e.Department!.Name, Kind = e.Department.Kind, Phase = e.Phase, NextDate = e.NextDate,
            Overdue = e.NextDate < today && e.Phase != EvaluationPhase.Closed && e.Phase != EvaluationPhase.Withdrawn,
            Grade = e.Grade, RevoteGrade = e.RevoteGrade, PublishedOn = e.PublishedOn,
        });
        var ordered = query.SortBy switch
        {
            nameof(EvaluationBoardRow.NextDate) => rows.OrderNullsFirst(r => r.NextDate, query.Descending),
            nameof(EvaluationBoardRow.Phase) => query.Descending ? rows.OrderByDescending(r => r.Phase) : rows.OrderBy(r => r.Phase),
            nameof(EvaluationBoardRow.Grade) => rows.OrderNullsFirst(r => r.Grade, query.Descending),
            _ => query.Descending ? rows.OrderByDescending(r => r.DepartmentName) : rows.OrderBy(r => r.DepartmentName),
        };
        return await ordered.ThenBy(r => r.Id).ToPageAsync(query, ct);
    }

    /// <summary>A department's evaluations across years and terms, newest first.</summary>
    public async Task<DepartmentHistory> HistoryAsync(Caller caller, int departmentId, CancellationToken ct = default)
    {
        Guard.Allow(EvaluationPolicy.CanReadAll(caller), caller, "Evaluation.History", logger, departmentId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var d = await db.GovernmentDepartments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == departmentId, ct) ?? throw new NotFoundException();
        var terms = await db.Terms.AsNoTracking().Select(t => new { t.Name, t.StartYear, t.EndYear }).ToListAsync(ct);
        var rows = await db.DepartmentEvaluations.AsNoTracking().Where(e => e.DepartmentId == departmentId)
            .OrderByDescending(e => e.Year).ThenByDescending(e => e.Id)
            .Select(e => new { e.Id, e.Year, e.Phase, e.Grade, e.RevoteGrade, e.PublishedOn, e.RectificationDue, e.RectificationReportedOn, e.ClosedOn })
            .ToListAsync(ct);
        return new DepartmentHistory(d.Id, d.Name, d.Kind, d.Head, d.ActiveFrom, d.ActiveTo, rows.Select(r => new DepartmentHistoryRow(
            r.Id, r.Year, terms.FirstOrDefault(t => t.StartYear <= r.Year && r.Year <= t.EndYear)?.Name, r.Phase, r.Grade, r.RevoteGrade,
            r.PublishedOn, r.RectificationDue, r.RectificationReportedOn, r.ClosedOn)).ToList());
    }

    /// <summary>
    /// Term coverage seen from the year being planned: which active departments the term has evaluated (or planned), and how
    /// many of those still due each remaining year must take (the same planner as the reports' coverage). In the term's
    /// last year every department still due is flagged.
    /// </summary>
    public async Task<DepartmentCoverage> CoverageAsync(Caller caller, int year, CancellationToken ct = default)
    {
        Guard.Allow(EvaluationPolicy.CanReadAll(caller), caller, "Evaluation.Coverage", logger, year);
        await using var db = await factory.CreateDbContextAsync(ct);
        var term = await TermOfAsync(db, year, ct);
        var rules = await EvaluationRuleService.EffectiveAsync(db, year, ct);
        var termStart = new DateOnly(term.StartYear, 1, 1);
        var termEnd = new DateOnly(term.EndYear, 12, 31);
        var departments = await db.GovernmentDepartments.AsNoTracking()
            .Where(d => (d.ActiveFrom == null || d.ActiveFrom <= termEnd) && (d.ActiveTo == null || d.ActiveTo >= termStart))
            .OrderBy(d => d.Name).Select(d => new { d.Id, d.Name, d.Kind }).ToListAsync(ct);
        var evaluated = (await db.DepartmentEvaluations.AsNoTracking()
                .Where(e => e.Year >= term.StartYear && e.Year <= term.EndYear && e.Phase != EvaluationPhase.Withdrawn)
                .Select(e => new { e.DepartmentId, e.Year }).ToListAsync(ct))
            .GroupBy(e => e.DepartmentId).ToDictionary(g => g.Key, g => g.Select(x => x.Year).Order().ToList());
        var lastYear = year >= term.EndYear;
        var rows = departments.Select(d =>
        {
            var years = evaluated.GetValueOrDefault(d.Id) ?? [];
            var due = years.Count == 0;
            return new DepartmentCoverageRow(d.Id, d.Name, d.Kind, years, years.Contains(year), due, due && lastYear);
        }).ToList();
        var dueCount = rows.Count(r => r.Due);
        var remaining = Enumerable.Range(year, Math.Max(0, term.EndYear - year + 1)).ToList();
        return new DepartmentCoverage(term.Id, term.Name, year, rows.Count, rows.Count - dueCount, rows.Count(r => r.PlannedThisYear),
            rules.MinDepartments, rules.MaxDepartments, CoveragePlanner.Spread(dueCount, remaining), rows);
    }

    /// <summary>
    /// The public results of a year (no sign-in): every evaluation not withdrawn, with its grade only once the result was
    /// published; an unpublished grade never leaves the database.
    /// </summary>
    public async Task<IReadOnlyList<PublicResultRow>> PublicResultsAsync(int year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.DepartmentEvaluations.AsNoTracking()
            .Where(e => e.Year == year && e.Phase != EvaluationPhase.Withdrawn)
            .OrderBy(e => e.Department!.Name)
            .Select(e => new PublicResultRow(e.Year, e.Department!.Name, e.Phase, e.PublishedOn != null,
                e.PublishedOn != null ? e.Grade : null,
                e.PublishedOn != null && e.Phase == EvaluationPhase.Closed ? e.RevoteGrade : null,
                e.PublishedOn))
            .Take(2000)
            .ToListAsync(ct);
    }

    /// <summary>The year's evaluations for the export: the hearing's latest vote (void and no-quorum included), the rectification, the re-vote's grade.</summary>
    public async Task<IReadOnlyList<EvaluationExportRow>> ExportRowsAsync(Caller caller, int year, CancellationToken ct = default)
    {
        Guard.Allow(EvaluationPolicy.CanReadAll(caller), caller, "Evaluation.Export", logger, year);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.DepartmentEvaluations.AsNoTracking().Where(e => e.Year == year)
            .OrderBy(e => e.Department!.Name)
            .Select(e => new
            {
                Department = e.Department!.Name, e.Year, e.Phase, e.Grade, e.RevoteGrade, e.RectificationDue, e.RectificationReportedOn,
                Vote = db.EvaluationVotes.Where(v => v.EvaluationId == e.Id && v.Round == EvaluationRound.Hearing && v.Outcome != null)
                    .OrderByDescending(v => v.Id).FirstOrDefault(),
            }).ToListAsync(ct);
        return rows.Select(r => new EvaluationExportRow(r.Department, r.Year, r.Phase, r.Vote?.HeldOn, r.Vote?.Members, r.Vote?.Present,
            r.Vote?.Satisfied, r.Vote?.BasicallySatisfied, r.Vote?.Dissatisfied, r.Vote?.Invalid, r.Vote?.Outcome, r.RectificationDue,
            r.RectificationReportedOn, r.RevoteGrade)).ToList();
    }

    internal sealed record VoteContext(int Members, GradingDenominator Denominator, EvaluationRuleSet Rules);

    /// <summary>What a committee vote of the year needs: the term's active members, the denominator and the evaluation rules.</summary>
    internal static async Task<VoteContext> VoteContextAsync(DeputyDbContext db, int year, CancellationToken ct)
    {
        var termId = await db.Terms.Where(t => t.StartYear <= year && year <= t.EndYear).OrderByDescending(t => t.StartYear).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
        var members = termId is null ? 0 : await db.CommitteeMembers.CountAsync(m => m.TermId == termId && m.IsActive, ct);
        var denominator = await db.SatisfactionRuleSets.Where(r => r.Year == year).Select(r => (GradingDenominator?)r.DepartmentDenominator).FirstOrDefaultAsync(ct)
                          ?? SatisfactionRuleSet.Defaults(year).DepartmentDenominator;
        return new VoteContext(members, denominator, await EvaluationRuleService.EffectiveAsync(db, year, ct));
    }

    internal static async Task<DepartmentEvaluation> LoadAsync(DeputyDbContext db, int evaluationId, CancellationToken ct) =>
        await db.DepartmentEvaluations.AsSplitQuery().Include(e => e.Phases).Include(e => e.Votes).Include(e => e.Documents)
            .FirstOrDefaultAsync(e => e.Id == evaluationId, ct) ?? throw new NotFoundException();

    private static async Task<Term> TermOfAsync(DeputyDbContext db, int year, CancellationToken ct) =>
        await db.Terms.AsNoTracking().Where(t => t.StartYear <= year && year <= t.EndYear).OrderByDescending(t => t.StartYear).FirstOrDefaultAsync(ct)
        ?? throw new DomainException("Evaluation_NoTermForYear", year);

    private static EvaluationDocumentRow ToRow(EvaluationDocument d) =>
        new(d.Id, d.Phase, d.OriginalName, d.ContentType, d.SizeBytes, d.Sha256, d.UploadedBy, d.UploadedAtUtc);
}
