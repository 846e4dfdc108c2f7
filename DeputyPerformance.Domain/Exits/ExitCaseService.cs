using System.Linq.Expressions;
using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Evaluations;
using DeputyPerformance.Domain.Notifications;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Exits;

/// <summary>
/// The exit procedure's use cases: the board of flags and cases, a case's page, the deputy's own view and defence,
/// opening a case (from a flag or by hand), every step of the state machine with its effects on the mandate
/// (termination, recall and accepted resignation end it and the deputy's sessions at once; suspension blocks his
/// planning and own logs until restored), and detention records. Permission first (role and scope), one transaction.
/// </summary>
public sealed class ExitCaseService(
    IDbContextFactory<DeputyDbContext> factory, ExitFlagService flags, ISessionRevoker sessions, IEvidenceStore store, TimeProvider clock,
    ILogger<ExitCaseService> logger)
{
    private static readonly Dictionary<string, Expression<Func<ExitFlagRow, object?>>> FlagSort = new()
    {
        [nameof(ExitFlagRow.DeputyNumber)] = r => r.DeputyNumber,
        [nameof(ExitFlagRow.DeputyName)] = r => r.DeputyName,
        [nameof(ExitFlagRow.TownName)] = r => r.TownName,
        [nameof(ExitFlagRow.Rule)] = r => r.Rule,
        [nameof(ExitFlagRow.Year)] = r => r.Year,
        [nameof(ExitFlagRow.Tier)] = r => r.Tier,
        [nameof(ExitFlagRow.Status)] = r => r.Status,
        [nameof(ExitFlagRow.RaisedUtc)] = r => r.RaisedUtc,
    };

    private static readonly Dictionary<string, Expression<Func<ExitCaseRow, object?>>> CaseSort = new()
    {
        [nameof(ExitCaseRow.Id)] = r => r.Id,
        [nameof(ExitCaseRow.DeputyNumber)] = r => r.DeputyNumber,
        [nameof(ExitCaseRow.DeputyName)] = r => r.DeputyName,
        [nameof(ExitCaseRow.TownName)] = r => r.TownName,
        [nameof(ExitCaseRow.State)] = r => r.State,
        [nameof(ExitCaseRow.OpenedUtc)] = r => r.OpenedUtc,
        [nameof(ExitCaseRow.DefenceDueOn)] = r => r.DefenceDueOn,
    };

    public async Task<PagedResult<ExitFlagRow>> ListFlagsAsync(Caller caller, ListQuery query, ExitBoardFilter filter, CancellationToken ct = default)
    {
        Guard.Allow(ExitPolicy.CanReadBoard(caller), caller, "ExitFlags.List", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = FlagRows(db);
        if (ExitPolicy.BoardTown(caller) is { } town) rows = rows.Where(r => r.TownId == town);
        if (filter.TownId is { } t) rows = rows.Where(r => r.TownId == t);
        if (filter.Tier is { } tier) rows = rows.Where(r => r.Tier == tier);
        if (filter.FlagStatus is { } status) rows = rows.Where(r => r.Status == status);
        if (filter.Year is { } year) rows = rows.Where(r => r.Year == year);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            rows = rows.Where(r => r.DeputyName.Contains(s) || r.DeputyNumber.Contains(s));
        }

        return await rows.OrderByColumn(query, FlagSort, nameof(ExitFlagRow.RaisedUtc)).ToPageAsync(query, ct);
    }

    public async Task<PagedResult<ExitCaseRow>> ListCasesAsync(Caller caller, ListQuery query, ExitBoardFilter filter, CancellationToken ct = default)
    {
        Guard.Allow(ExitPolicy.CanReadBoard(caller), caller, "ExitCases.List", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = CaseRows(db);
        if (ExitPolicy.BoardTown(caller) is { } town) rows = rows.Where(r => r.TownId == town);
        if (filter.TownId is { } t) rows = rows.Where(r => r.TownId == t);
        if (filter.Tier is { } tier) rows = rows.Where(r => r.FlagRule != null && TierRules(tier).Contains(r.FlagRule));
        if (filter.CaseOpen is { } open)
        {
            rows = open
                ? rows.Where(r => r.State != ExitCaseState.Closed && r.State != ExitCaseState.Dismissed)
                : rows.Where(r => r.State == ExitCaseState.Closed || r.State == ExitCaseState.Dismissed);
        }

        if (filter.Year is { } year) rows = rows.Where(r => r.OpenedUtc.Year == year);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            rows = rows.Where(r => r.DeputyName.Contains(s) || r.DeputyNumber.Contains(s));
        }

        return await rows.OrderByColumn(query, CaseSort, nameof(ExitCaseRow.OpenedUtc)).ToPageAsync(query, ct);
    }

    public async Task<ExitCaseView> GetAsync(Caller caller, int caseId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.ExitCases.AsNoTracking().Include(x => x.Steps).ThenInclude(s => s.Files).AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == caseId, ct) ?? throw new NotFoundException();
        if (!ExitPolicy.CanRead(caller, c.DeputyId, c.TownId)) throw new NotFoundException();
        var d = await db.Deputies.AsNoTracking().Where(x => x.Id == c.DeputyId)
            .Select(x => new { x.DeputyNumber, x.Name, Town = x.Town!.Name, Term = x.Term!.Name, x.TermId, x.Status, District = x.ElectoralDistrict })
            .FirstAsync(ct);
        var members = await db.CommitteeMembers.CountAsync(m => m.TermId == d.TermId && m.IsActive, ct);
        var flagRows = await FlagRows(db).Where(r => r.CaseId == caseId || (r.DeputyId == c.DeputyId && r.Status == ExitFlagStatus.Open))
            .OrderBy(r => r.Year).ToListAsync(ct);
        return new ExitCaseView(c.Id, c.DeputyId, d.DeputyNumber, d.Name, d.Town, d.Term, c.Level, d.Status, c.Ground, c.FlagRule, c.State, c.Outcome,
            c.OpenedUtc, c.DefenceDueOn, c.DefenceText, c.DefenceFiledUtc, c.EffectiveOn, c.ClosedUtc,
            c.Steps.OrderBy(s => s.AtUtc).ThenBy(s => s.Id).Select(s => new ExitStepView(s.Action, s.FromState, s.ToState, s.By, s.AtUtc, s.Note, s.Documents, s.RuleKey,
                s.Files.OrderBy(f => f.Id).Select(f => new ExitDocumentView(f.Id, f.OriginalName, f.ContentType, f.SizeBytes, f.Sha256, f.UploadedBy, f.UploadedAtUtc)).ToList())).ToList(),
            flagRows, ExitPolicy.ActionsFor(caller, c), members, d.District?.RegisteredVoters, d.District?.Name);
    }

    /// <summary>The deputy's own flags (withdrawn ones too, with their reason) and cases.</summary>
    public async Task<MyExitView> MineAsync(Caller caller, CancellationToken ct = default)
    {
        Guard.Allow(caller is { IsDeputy: true, DeputyId: not null }, caller, "Exit.Mine", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        var id = caller.DeputyId!.Value;
        var myFlags = await FlagRows(db).Where(r => r.DeputyId == id).OrderByDescending(r => r.Year).ToListAsync(ct);
        var myCases = await CaseRows(db).Where(r => r.DeputyId == id).OrderByDescending(r => r.OpenedUtc).ToListAsync(ct);
        return new MyExitView(myFlags, myCases);
    }

    /// <summary>Opens a case on an open flag (the flag moves to case-opened). One open case per deputy: a second flag joins it.</summary>
    public async Task<int> OpenFromFlagAsync(Caller caller, int flagId, string reason, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var flag = await db.ExitFlags.FirstOrDefaultAsync(f => f.Id == flagId, ct) ?? throw new NotFoundException();
        var deputy = await db.Deputies.FirstAsync(d => d.Id == flag.DeputyId, ct);
        Guard.Allow(ExitPolicy.CanRun(caller, deputy.Level, deputy.TownId), caller, "ExitCase.Open", logger, flagId);
        if (flag.Status != ExitFlagStatus.Open) throw new DomainException("Exit_FlagNotOpen");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var open = await db.ExitCases.FirstOrDefaultAsync(c => c.DeputyId == deputy.Id && c.State != ExitCaseState.Closed && c.State != ExitCaseState.Dismissed, ct);
        if (open is null)
        {
            if (deputy.Status == DeputyStatus.Terminated) throw new DomainException("Deputy_TerminatedIsFinal");
            open = new ExitCase(deputy.Id, deputy.TownId, deputy.Level, ExitGround.Flag, flag.Rule, reason, caller.UserName, Now);
            db.ExitCases.Add(open);
            await db.SaveChangesAsync(ct);
        }

        flag.OpenCase(open.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return open.Id;
    }

    /// <summary>A clerk opens a case by hand for a fact the data does not hold (a resignation letter, a move away...).</summary>
    public async Task<int> OpenByHandAsync(Caller caller, int deputyId, ExitGround ground, string reason, CancellationToken ct = default)
    {
        if (ground == ExitGround.Flag) throw new DomainException("ValueInvalid");
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var deputy = await db.Deputies.FirstOrDefaultAsync(d => d.Id == deputyId, ct) ?? throw new NotFoundException();
        Guard.Allow(ExitPolicy.CanRun(caller, deputy.Level, deputy.TownId), caller, "ExitCase.Open", logger, deputyId);
        if (deputy.Status == DeputyStatus.Terminated) throw new DomainException("Deputy_TerminatedIsFinal");
        if (await db.ExitCases.AnyAsync(c => c.DeputyId == deputyId && c.State != ExitCaseState.Closed && c.State != ExitCaseState.Dismissed, ct))
        {
            throw new DomainException("Exit_CaseAlreadyOpen");
        }

        var c = new ExitCase(deputy.Id, deputy.TownId, deputy.Level, ground, null, reason, caller.UserName, Now);
        db.ExitCases.Add(c);
        await db.SaveChangesAsync(ct);
        return c.Id;
    }

    /// <summary>
    /// Takes one step of the case, if the state machine allows it and the caller may; applies its effects, the step's
    /// uploaded documents and its notifications in the same transaction. A refused file leaves nothing behind.
    /// </summary>
    public async Task ActAsync(Caller caller, int caseId, ExitActionInput input, IReadOnlyList<ExitUpload>? files = null, CancellationToken ct = default)
    {
        files ??= [];
        if (files.Count > ExitCase.MaxDocumentsPerStep) throw new DomainException("Exit_TooManyDocuments", ExitCase.MaxDocumentsPerStep);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var c = await db.ExitCases.Include(x => x.Steps).FirstOrDefaultAsync(x => x.Id == caseId, ct) ?? throw new NotFoundException();
        if (!ExitPolicy.CanRead(caller, c.DeputyId, c.TownId)) throw new NotFoundException();
        Guard.Allow(ExitPolicy.ActionsFor(caller, c).Contains(input.Action) || !c.AllowedActions().Contains(input.Action), caller, "ExitCase." + input.Action, logger, caseId);
        var deputy = await db.Deputies.Include(d => d.ElectoralDistrict).FirstAsync(d => d.Id == c.DeputyId, ct);
        var now = Now;
        var today = DateOnly.FromDateTime(now);
        var by = caller.UserName;
        var rules = await db.ExitRuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Year == today.Year, ct) ?? ExitRuleSet.Defaults(today.Year);
        var statusBefore = deputy.Status;
        switch (input.Action)
        {
            case ExitCaseAction.StartReview:
                c.StartReview(input.Date ?? today.AddDays(rules.DefenceDays), by, now, input.Note);
                break;
            case ExitCaseAction.FileDefence:
                c.FileDefence(input.Note ?? "", input.Documents, by, now);
                break;
            case ExitCaseAction.HoldWarningTalk:
                c.HoldWarningTalk(by, now, input.Note ?? "");
                break;
            case ExitCaseAction.PersuadeToResign:
                c.PersuadeToResign(by, now, input.Note ?? "");
                break;
            case ExitCaseAction.ReceiveResignation:
                c.ReceiveResignation(input.Date ?? today, by, now, input.Documents);
                break;
            case ExitCaseAction.DecideResignation:
                var members = input.Members ?? (c.Level == DeputyLevel.County
                    ? await db.CommitteeMembers.CountAsync(m => m.TermId == deputy.TermId && m.IsActive, ct)
                    : throw new DomainException("Exit_MembersRequired"));
                c.DecideResignation(ExitDecisions.Resignation(c.Level, members, input.Present ?? members, input.Yes ?? throw new DomainException("Exit_YesRequired")),
                    input.Date ?? today, by, now);
                break;
            case ExitCaseAction.StartRecall:
                c.StartRecall(ExitDecisions.Petition(c.Level, input.Yes ?? throw new DomainException("Exit_YesRequired"), rules), by, now, input.Documents);
                break;
            case ExitCaseAction.DecideRecall:
                var voters = deputy.ElectoralDistrict?.RegisteredVoters ?? throw new DomainException("Exit_DistrictVotersUnknown");
                c.DecideRecall(ExitDecisions.Recall(voters, input.Yes ?? throw new DomainException("Exit_YesRequired")), input.Date ?? today, by, now);
                break;
            case ExitCaseAction.Terminate:
                c.Terminate(input.Date ?? today, by, now, input.Note ?? "");
                break;
            case ExitCaseAction.Suspend:
                c.Suspend(input.Date ?? today, by, now, input.Note ?? "");
                deputy.Suspend(c.EffectiveOn!.Value);
                break;
            case ExitCaseAction.Restore:
                c.Restore(input.Date ?? today, by, now, input.Note ?? "");
                deputy.Restore();
                break;
            case ExitCaseAction.Close:
                c.Close(by, now, input.Note ?? "");
                break;
            case ExitCaseAction.Dismiss:
                c.Dismiss(by, now, input.Note ?? "");
                break;
            default:
                throw new DomainException("ValueInvalid");
        }

        if (c.EndsMandate && deputy.Status != DeputyStatus.Terminated)
        {
            deputy.EndMandate(c.EffectiveOn!.Value, c.Outcome.ToString());
        }

        if (input.Action == ExitCaseAction.StartReview) db.Notifications.Add(NotificationWriter.DefenceRequested(c, now));
        if (input.Action == ExitCaseAction.FileDefence) db.Notifications.Add(NotificationWriter.DefenceFiled(c, now));
        if (NotificationWriter.IsDecision(input.Action)) db.Notifications.AddRange(NotificationWriter.Decision(c, input.Action, now));

        var storedKeys = new List<string>();
        try
        {
            foreach (var file in files)
            {
                var stored = await store.SaveAsync(file.Content, EvidenceKinds.Documents, ct);
                storedKeys.Add(stored.StorageKey);
                c.AttachToLastStep(EvidenceNames.Safe(file.FileName, stored.ContentType),
                    new StoredDocument(stored.StorageKey, stored.ContentType, stored.SizeBytes, stored.Sha256), by, now);
            }

            await SaveStepAsync(db, c, deputy, statusBefore, ct);
        }
        catch
        {
            foreach (var key in storedKeys) await store.DeleteAsync(key, CancellationToken.None);
            throw;
        }

        if (deputy.Status != statusBefore && deputy.Status != DeputyStatus.Active)
        {
            // His open pages and copied cookies stop working at once (decision 0028).
            await sessions.EndSessionsOfDeputyAsync(deputy.Id, ct);
        }
    }

    /// <summary>A document of a case, for whoever may read the case (the deputy himself, his town's clerks, county staff, committee members).</summary>
    public async Task<(ExitDocumentView Info, Stream Content)> OpenDocumentAsync(Caller caller, long documentId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await (from x in db.ExitCaseDocuments.AsNoTracking()
                         join c in db.ExitCases.AsNoTracking() on x.ExitCaseId equals c.Id
                         where x.Id == documentId
                         select new { Document = x, c.DeputyId, c.TownId }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        Guard.Allow(ExitPolicy.CanRead(caller, row.DeputyId, row.TownId), caller, "ExitCase.OpenDocument", logger, documentId);
        var f = row.Document;
        return (new ExitDocumentView(f.Id, f.OriginalName, f.ContentType, f.SizeBytes, f.Sha256, f.UploadedBy, f.UploadedAtUtc),
            await store.OpenReadAsync(f.StorageKey, ct));
    }

    private async Task SaveStepAsync(DeputyDbContext db, ExitCase c, Deputy deputy, DeputyStatus statusBefore, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (!c.IsOpen)
        {
            foreach (var flag in await db.ExitFlags.Where(f => f.CaseId == c.Id).ToListAsync(ct)) flag.Close();
            await db.SaveChangesAsync(ct);
        }

        if (deputy.Status != statusBefore)
        {
            // The days of the mandate changed: the deputy's flags follow.
            await flags.ReconcileAsync(db, [deputy.Id], ExitReconcileReasons.Refresh, ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>Records a criminal detention: the detention flag (red line) is raised for the deputy at once.</summary>
    public async Task<int> RecordDetentionAsync(Caller caller, int deputyId, DateOnly detainedOn, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var deputy = await db.Deputies.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deputyId, ct) ?? throw new NotFoundException();
        Guard.Allow(ExitPolicy.CanRun(caller, deputy.Level, deputy.TownId), caller, "Exit.RecordDetention", logger, deputyId);
        var detention = new ExitDetention(deputyId, detainedOn, caller.UserName, Now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ExitDetentions.Add(detention);
        await db.SaveChangesAsync(ct);
        await flags.ReconcileAsync(db, [deputyId], ExitReconcileReasons.Refresh, ct);
        await tx.CommitAsync(ct);
        return detention.Id;
    }

    /// <summary>The release: without a conviction the detention flag is withdrawn (the suspension is restored through its case).</summary>
    public async Task RecordReleaseAsync(Caller caller, int detentionId, DateOnly releasedOn, bool convicted, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var detention = await db.ExitDetentions.FirstOrDefaultAsync(d => d.Id == detentionId, ct) ?? throw new NotFoundException();
        var deputy = await db.Deputies.AsNoTracking().FirstAsync(d => d.Id == detention.DeputyId, ct);
        Guard.Allow(ExitPolicy.CanRun(caller, deputy.Level, deputy.TownId), caller, "Exit.RecordRelease", logger, detentionId);
        detention.Release(releasedOn, convicted);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await flags.ReconcileAsync(db, [deputy.Id], ExitReconcileReasons.Released, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The announcement (公告) of a case that ended a mandate; null for any other case.</summary>
    public async Task<ExitAnnouncement?> AnnouncementAsync(Caller caller, int caseId, CancellationToken ct = default)
    {
        var view = await GetAsync(caller, caseId, ct);
        if (view.Outcome is not (ExitOutcome.Terminated or ExitOutcome.Recalled or ExitOutcome.Resigned)) return null;
        var last = view.Steps.Last();
        return new ExitAnnouncement(view.Id, view.DeputyName, view.DeputyNumber, view.TownName, view.TermName, view.Level, view.Outcome,
            view.EffectiveOn!.Value, last.Note, last.RuleKey, last.RuleKey is null ? null : last.Note);
    }

    /// <summary>The export's rows: one per deputy, rule and year (domain.md section 7), after bringing every flag up to date.</summary>
    public async Task<IReadOnlyList<ExitFlagExportRow>> ExportRowsAsync(Caller caller, int? year, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsCountyStaff || caller.IsCommitteeMember || caller.IsTownClerk, caller, "ExitFlags.Export", logger);
        if (ExitPolicy.CanRefreshAll(caller)) await flags.RefreshAllAsync(caller, ExitReconcileReasons.Refresh, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = FlagRows(db);
        if (ExitPolicy.BoardTown(caller) is { } town) rows = rows.Where(r => r.TownId == town);
        if (year is { } y) rows = rows.Where(r => r.Year == y);
        var list = await rows.OrderBy(r => r.DeputyNumber).ThenBy(r => r.Year).ThenBy(r => r.Rule).ToListAsync(ct);
        return list.Select(r => new ExitFlagExportRow(r.DeputyNumber, r.DeputyName, r.TownName, r.Rule, r.Year, r.Tier.ContractCode(),
            r.Status.ContractCode(), r.Evidence)).ToList();
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static IQueryable<ExitFlagRow> FlagRows(DeputyDbContext db) =>
        from f in db.ExitFlags.AsNoTracking()
        join d in db.Deputies.AsNoTracking() on f.DeputyId equals d.Id
        select new ExitFlagRow
        {
            Id = f.Id, DeputyId = f.DeputyId, TownId = d.TownId, DeputyNumber = d.DeputyNumber, DeputyName = d.Name, TownName = d.Town!.Name,
            Level = d.Level, Rule = f.Rule, Year = f.Year, Tier = f.Tier, Status = f.Status, Evidence = f.Evidence, EvidenceRefs = f.EvidenceRefs,
            RaisedUtc = f.RaisedUtc, WithdrawReason = f.WithdrawReason, CaseId = f.CaseId,
        };

    private static IQueryable<ExitCaseRow> CaseRows(DeputyDbContext db) =>
        from c in db.ExitCases.AsNoTracking()
        join d in db.Deputies.AsNoTracking() on c.DeputyId equals d.Id
        select new ExitCaseRow
        {
            Id = c.Id, DeputyId = c.DeputyId, TownId = c.TownId, DeputyNumber = d.DeputyNumber, DeputyName = d.Name, TownName = d.Town!.Name,
            Level = c.Level, Ground = c.Ground, FlagRule = c.FlagRule, State = c.State, Outcome = c.Outcome, OpenedUtc = c.OpenedUtc,
            DefenceDueOn = c.DefenceDueOn, ClosedUtc = c.ClosedUtc,
        };

    private static List<string> TierRules(ExitTier tier) => ExitRuleCodes.All.Where(r => ExitRuleCodes.TierOf(r) == tier).ToList();
}
