using System.Linq.Expressions;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Duties;

/// <summary>Filters of the log grid beside paging and sorting; all are applied in SQL.</summary>
public sealed record DutyLogFilter(
    int? DeputyId = null, int? TownId = null, string? CategoryCode = null, DateOnly? From = null, DateOnly? To = null,
    DutyLogStatus? Status = null, int? Year = null);

/// <summary>One line of the log grid. Points = Count x the category's points of the log's year (before any yearly cap).</summary>
public sealed class DutyLogRow
{
    public long Id { get; init; }
    public DateOnly Date { get; init; }
    public int DeputyId { get; init; }
    public string DeputyNumber { get; init; } = "";
    public string DeputyName { get; init; } = "";
    public int TownId { get; init; }
    public string TownName { get; init; } = "";
    public string CategoryCode { get; init; } = "";
    public int Count { get; init; }
    public int Points { get; set; }
    public int? LiaisonStationId { get; init; }
    public string? StationName { get; init; }
    public string? Place { get; init; }
    public string Description { get; init; } = "";
    public DutyLogStatus Status { get; init; }
    public string? RejectionReason { get; init; }
    public DutyLogSource Source { get; init; }
    public string SubmittedBy { get; init; } = "";
    public DateTime SubmittedAtUtc { get; init; }
    public string? ReviewedBy { get; init; }
    public DateTime? ReviewedAtUtc { get; init; }
    public string? ExternalId { get; init; }
    public int EvidenceCount { get; init; }
}

/// <summary>
/// A page of logs. Counting stops after <see cref="DutyLogService.MaxCountedRows"/>: then TotalCount is that
/// number and <see cref="MoreThanCounted"/> is true (the grid shows "10,000+"), so a county-wide count over
/// millions of rows never decides the page's speed, and the pager's last page is the one holding row 10,000
/// (rows beyond are reached by narrowing the filters), never a page that claims rows it does not list.
/// </summary>
public sealed record DutyLogPage(IReadOnlyList<DutyLogRow> Items, int TotalCount, bool MoreThanCounted)
{
    public PagedResult<DutyLogRow> ToPagedResult() => new(Items, TotalCount);
}

public sealed record EvidenceInfo(long Id, long DutyLogId, string OriginalName, string ContentType, long SizeBytes, string Sha256, DateTime UploadedAtUtc);

public sealed record DutyLogDetail(DutyLogRow Log, IReadOnlyList<EvidenceInfo> Evidence);

/// <summary>A category as forms offer it for a year: code, name in the UI language and its points that year.</summary>
public sealed record DutyCategoryOption(string Code, string Name, int Points);

/// <summary>
/// 履职登记 use cases: the grid, a clerk's entry (approved at once), a deputy's own submission (pending),
/// review one by one or in batches (all-or-nothing), corrections, deletion and evidence files.
/// Every operation checks the caller's role and town scope first (<see cref="DutyPolicy"/>).
/// </summary>
public sealed class DutyLogService(
    IDbContextFactory<DeputyDbContext> factory, DutyLogValidator validator, IEvidenceStore evidenceStore, EvidenceOptions evidenceOptions,
    TimeProvider clock, ILogger<DutyLogService> logger, IEnumerable<IApprovedLogsObserver>? observers = null)
{
    public const int MaxCountedRows = 10_000;
    public const int MaxBatch = 1_000;

    private static readonly IReadOnlyDictionary<string, Expression<Func<DutyLogRow, object?>>> SortColumns =
        new Dictionary<string, Expression<Func<DutyLogRow, object?>>>
        {
            [nameof(DutyLogRow.Date)] = r => r.Date,
            [nameof(DutyLogRow.DeputyNumber)] = r => r.DeputyNumber,
            [nameof(DutyLogRow.DeputyName)] = r => r.DeputyName,
            [nameof(DutyLogRow.TownName)] = r => r.TownName,
            [nameof(DutyLogRow.CategoryCode)] = r => r.CategoryCode,
            [nameof(DutyLogRow.Count)] = r => r.Count,
            [nameof(DutyLogRow.Status)] = r => r.Status,
            [nameof(DutyLogRow.SubmittedAtUtc)] = r => r.SubmittedAtUtc,
        };

    /// <summary>
    /// The grid: filter, sort (Date, DeputyNumber, DeputyName, TownName, CategoryCode, Count, Status, SubmittedAtUtc;
    /// default Date newest first) and page in SQL. Search matches the deputy's number or name, or the description.
    /// A town clerk sees his town, a deputy his own logs.
    /// </summary>
    public async Task<DutyLogPage> ListAsync(Caller caller, ListQuery query, DutyLogFilter filter, CancellationToken ct = default)
    {
        Guard.Allow(DutyPolicy.CanList(caller), caller, "DutyLog.List", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        var logs = Filter(db.DutyLogs.AsNoTracking(), caller, filter);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            logs = logs.Where(l => l.Description.Contains(search) || l.Deputy!.DeputyNumber == search || l.Deputy!.Name.Contains(search));
        }

        var total = await logs.Take(MaxCountedRows + 1).CountAsync(ct);
        var rows = Project(logs);
        var sortKey = query.SortBy is not null && SortColumns.ContainsKey(query.SortBy) ? query.SortBy : nameof(DutyLogRow.Date);
        var descending = query.SortBy is null || !SortColumns.ContainsKey(query.SortBy) || query.Descending;
        var ordered = rows.OrderNullsFirst(SortColumns[sortKey], descending);
        // Id breaks ties so pages never repeat or skip a row.
        ordered = descending ? ordered.ThenByDescending(r => r.Id) : ordered.ThenBy(r => r.Id);
        var items = await ordered.Skip(query.SafePage * query.SafePageSize).Take(query.SafePageSize).ToListAsync(ct);
        await FillPointsAsync(db, items, ct);
        return new DutyLogPage(items, Math.Min(total, MaxCountedRows), total > MaxCountedRows);
    }

    public async Task<DutyLogDetail> GetAsync(Caller caller, long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await Project(db.DutyLogs.AsNoTracking().Where(l => l.Id == id)).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        Guard.Allow(DutyPolicy.CanRead(caller, row.DeputyId, row.TownId), caller, "DutyLog.Read", logger, id);
        await FillPointsAsync(db, [row], ct);
        var evidence = await db.EvidenceFiles.AsNoTracking().Where(e => e.DutyLogId == id).OrderBy(e => e.Id)
            .Select(e => new EvidenceInfo(e.Id, e.DutyLogId, e.OriginalName, e.ContentType, e.SizeBytes, e.Sha256, e.UploadedAtUtc))
            .ToListAsync(ct);
        return new DutyLogDetail(row, evidence);
    }

    /// <summary>The categories of a year's rule set with their names and points, for the form's select.</summary>
    public async Task<IReadOnlyList<DutyCategoryOption>> CategoriesAsync(int year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rules = await ScoringRuleService.EffectiveAsync(db, year, ct);
        return rules.Categories.Select(c => new DutyCategoryOption(c.Code, DutyCategory.NameOf(c.Code), c.Points)).ToList();
    }

    /// <summary>A clerk (or county staff) records a log for a deputy of his town: approved at once.</summary>
    public Task<long> RecordAsync(Caller caller, DutyLogInput input, IReadOnlyList<EvidenceUpload>? evidence = null, CancellationToken ct = default) =>
        CreateAsync(caller, input, evidence ?? [], DutyLogSource.Clerk, ct);

    /// <summary>A signed-in deputy submits his own log with evidence: pending until a clerk of his town reviews it.</summary>
    public Task<long> SubmitAsync(Caller caller, DutyLogInput input, IReadOnlyList<EvidenceUpload>? evidence = null, CancellationToken ct = default) =>
        CreateAsync(caller, input, evidence ?? [], DutyLogSource.SelfSubmitted, ct);

    private async Task<long> CreateAsync(Caller caller, DutyLogInput input, IReadOnlyList<EvidenceUpload> evidence, DutyLogSource source, CancellationToken ct)
    {
        Guard.Allow(source == DutyLogSource.Clerk ? caller.IsCountyStaff || caller.IsTownClerk : caller.IsDeputy, caller, "DutyLog.Create", logger, input.DeputyId);
        await validator.EnsureValidAsync(input, ct);
        if (evidence.Count > evidenceOptions.MaxFilesPerLog) throw new DomainException("Evidence_TooMany", evidenceOptions.MaxFilesPerLog);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var deputy = await db.Deputies.AsNoTracking().Where(d => d.Id == input.DeputyId)
            .Select(d => new { d.Id, d.TownId, d.Term!.StartYear, d.Term.EndYear }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        Guard.Allow(source == DutyLogSource.Clerk ? DutyPolicy.CanRecord(caller, deputy.TownId) : DutyPolicy.CanSubmitOwn(caller, deputy.Id),
            caller, "DutyLog.Create", logger, input.DeputyId);
        await EnsureOwnMandateAsync(db, caller, ct);
        await CheckConsistencyAsync(db, input, deputy.TownId, deputy.StartYear, deputy.EndYear, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var date = input.Date!.Value;
        var description = (input.Description ?? "").Trim();
        var place = string.IsNullOrWhiteSpace(input.Place) ? null : input.Place.Trim();
        var log = source == DutyLogSource.Clerk
            ? DutyLog.RecordByClerk(deputy.Id, deputy.TownId, date, input.CategoryCode, input.Count, input.LiaisonStationId, place, description, caller.UserName, now)
            : DutyLog.SubmitByDeputy(deputy.Id, deputy.TownId, date, input.CategoryCode, input.Count, input.LiaisonStationId, place, description, caller.UserName, now);

        var stored = new List<StoredEvidence>();
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.DutyLogs.Add(log);
            await db.SaveChangesAsync(ct);
            foreach (var upload in evidence)
            {
                var file = await StoreAsync(upload, ct);
                stored.Add(file);
                db.EvidenceFiles.Add(ToEntity(log.Id, upload, file, caller, now));
            }

            // The files' rows (and their audit entries); a log without files has nothing more to save.
            if (evidence.Count > 0) await db.SaveChangesAsync(ct);
            if (log.Status == DutyLogStatus.Approved)
            {
                var delta = new ScoreTotalsDelta();
                delta.Counts(log);
                await ScoreQueries.ApplyAsync(db, delta, ct);
                await NotifyAsync(db, delta, ct);
            }

            await tx.CommitAsync(ct);
            return log.Id;
        }
        catch
        {
            // The transaction rolled back: the stored files belong to nothing.
            foreach (var file in stored)
            {
                await evidenceStore.DeleteAsync(file.StorageKey, CancellationToken.None);
            }

            throw;
        }
    }

    /// <summary>
    /// Corrects a log's facts: a clerk of its town (any status), or the deputy himself while it is pending or
    /// rejected; the deputy's correction of a rejected log submits it again (pending).
    /// The deputy cannot be changed; delete and record again instead.
    /// </summary>
    public async Task UpdateAsync(Caller caller, long id, DutyLogInput input, CancellationToken ct = default)
    {
        // The log's own scope is checked once it is loaded; roles that never change logs stop here.
        Guard.Allow(caller.IsCountyStaff || caller.IsTownClerk || caller.IsDeputy, caller, "DutyLog.Update", logger, id);
        await validator.EnsureValidAsync(input, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var log = await db.DutyLogs.FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException();
        Guard.Allow(DutyPolicy.CanRecord(caller, log.TownId) || DutyPolicy.CanChangeOwnPending(caller, log.DeputyId, log.Status),
            caller, "DutyLog.Update", logger, id);
        await EnsureOwnMandateAsync(db, caller, ct);
        if (input.DeputyId != log.DeputyId) throw new DomainException("Duty_DeputyIsFixed");
        var term = await db.Deputies.AsNoTracking().Where(d => d.Id == log.DeputyId).Select(d => new { d.Term!.StartYear, d.Term.EndYear }).FirstAsync(ct);
        await CheckConsistencyAsync(db, input, log.TownId, term.StartYear, term.EndYear, ct);
        var delta = new ScoreTotalsDelta();
        if (log.Status == DutyLogStatus.Approved) delta.Withdraws(log.DeputyId, log.Year, log.CategoryCode, log.Count);
        log.Correct(input.Date!.Value, input.CategoryCode, input.Count, input.LiaisonStationId,
            string.IsNullOrWhiteSpace(input.Place) ? null : input.Place.Trim(), (input.Description ?? "").Trim());
        if (caller.IsDeputy && log.Status == DutyLogStatus.Rejected)
        {
            log.Resubmit(caller.UserName, clock.GetUtcNow().UtcDateTime);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (log.Status == DutyLogStatus.Approved)
        {
            delta.Counts(log);
            await ScoreQueries.ApplyAsync(db, delta, ct);
            await NotifyAsync(db, delta, ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>Deletes a log and its evidence: a clerk of its town, or the deputy withdrawing his pending or rejected submission.</summary>
    public async Task DeleteAsync(Caller caller, long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var log = await db.DutyLogs.Include(l => l.Evidence).FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException();
        Guard.Allow(DutyPolicy.CanRecord(caller, log.TownId) || DutyPolicy.CanChangeOwnPending(caller, log.DeputyId, log.Status),
            caller, "DutyLog.Delete", logger, id);
        await EnsureOwnMandateAsync(db, caller, ct);
        var keys = log.Evidence.Select(e => e.StorageKey).ToList();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.DutyLogs.Remove(log);
            await db.SaveChangesAsync(ct);
            if (log.Status == DutyLogStatus.Approved)
            {
                var delta = new ScoreTotalsDelta();
                delta.Withdraws(log.DeputyId, log.Year, log.CategoryCode, log.Count);
                await ScoreQueries.ApplyAsync(db, delta, ct);
                await NotifyAsync(db, delta, ct);
            }

            await tx.CommitAsync(ct);
        }

        foreach (var key in keys)
        {
            await evidenceStore.DeleteAsync(key, CancellationToken.None);
        }
    }

    public Task ApproveAsync(Caller caller, long id, CancellationToken ct = default) => ApproveAsync(caller, [id], ct);

    public Task RejectAsync(Caller caller, long id, string reason, CancellationToken ct = default) => RejectAsync(caller, [id], reason, ct);

    /// <summary>Approves pending logs; all-or-nothing: one id out of the caller's scope, missing or not pending refuses the whole batch.</summary>
    public Task ApproveAsync(Caller caller, IReadOnlyCollection<long> ids, CancellationToken ct = default) =>
        ReviewAsync(caller, ids, (log, now) => log.Approve(caller.UserName, now), "DutyLog.Approve", ct);

    /// <summary>Rejects pending logs with one reason; all-or-nothing like <see cref="ApproveAsync(Caller, IReadOnlyCollection{long}, CancellationToken)"/>.</summary>
    public Task RejectAsync(Caller caller, IReadOnlyCollection<long> ids, string reason, CancellationToken ct = default) =>
        ReviewAsync(caller, ids, (log, now) => log.Reject(caller.UserName, now, reason), "DutyLog.Reject", ct);

    private async Task ReviewAsync(Caller caller, IReadOnlyCollection<long> ids, Action<DutyLog, DateTime> review, string action, CancellationToken ct)
    {
        // A deputy never reviews, not even a log of someone else he could see.
        Guard.Allow(caller.IsCountyStaff || caller.IsTownClerk, caller, action, logger);
        var distinct = ids.Distinct().ToList();
        if (distinct.Count == 0) return;
        if (distinct.Count > MaxBatch) throw new DomainException("Duty_BatchTooLarge", MaxBatch);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var logs = await db.DutyLogs.Where(l => distinct.Contains(l.Id)).ToListAsync(ct);
        if (logs.Count != distinct.Count) throw new NotFoundException();
        foreach (var log in logs)
        {
            Guard.Allow(DutyPolicy.CanReview(caller, log.TownId), caller, action, logger, log.Id);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var delta = new ScoreTotalsDelta();
        foreach (var log in logs)
        {
            // Only pending logs are reviewed (the log refuses otherwise): an approval starts to count, a rejection never did.
            review(log, now);
            if (log.Status == DutyLogStatus.Approved) delta.Counts(log);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await ScoreQueries.ApplyAsync(db, delta, ct);
        await NotifyAsync(db, delta, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Adds an evidence file to a log: the clerk of its town, or the deputy to his own pending or rejected submission.</summary>
    public async Task<EvidenceInfo> AddEvidenceAsync(Caller caller, long logId, EvidenceUpload upload, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var log = await db.DutyLogs.AsNoTracking().FirstOrDefaultAsync(l => l.Id == logId, ct) ?? throw new NotFoundException();
        Guard.Allow(DutyPolicy.CanRecord(caller, log.TownId) || DutyPolicy.CanChangeOwnPending(caller, log.DeputyId, log.Status),
            caller, "DutyLog.AddEvidence", logger, logId);
        await EnsureOwnMandateAsync(db, caller, ct);
        if (await db.EvidenceFiles.CountAsync(e => e.DutyLogId == logId, ct) >= evidenceOptions.MaxFilesPerLog)
        {
            throw new DomainException("Evidence_TooMany", evidenceOptions.MaxFilesPerLog);
        }

        var file = await StoreAsync(upload, ct);
        var entity = ToEntity(logId, upload, file, caller, clock.GetUtcNow().UtcDateTime);
        try
        {
            db.EvidenceFiles.Add(entity);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            await evidenceStore.DeleteAsync(file.StorageKey, CancellationToken.None);
            throw;
        }

        return new EvidenceInfo(entity.Id, logId, entity.OriginalName, entity.ContentType, entity.SizeBytes, entity.Sha256, entity.UploadedAtUtc);
    }

    /// <summary>Opens an evidence file for download by whoever may read its log; the caller disposes the stream.</summary>
    public async Task<(EvidenceInfo Info, Stream Content)> OpenEvidenceAsync(Caller caller, long evidenceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(x => x.Id == evidenceId, ct) ?? throw new NotFoundException();
        var log = await db.DutyLogs.AsNoTracking().Where(l => l.Id == e.DutyLogId).Select(l => new { l.DeputyId, l.TownId }).FirstAsync(ct);
        Guard.Allow(DutyPolicy.CanRead(caller, log.DeputyId, log.TownId), caller, "DutyLog.ReadEvidence", logger, evidenceId);
        // Rows stored before names were cleaned get the safe name on the way out too.
        var info = new EvidenceInfo(e.Id, e.DutyLogId, EvidenceNames.Safe(e.OriginalName, e.ContentType), e.ContentType, e.SizeBytes, e.Sha256, e.UploadedAtUtc);
        return (info, await evidenceStore.OpenReadAsync(e.StorageKey, ct));
    }

    public async Task RemoveEvidenceAsync(Caller caller, long evidenceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var e = await db.EvidenceFiles.FirstOrDefaultAsync(x => x.Id == evidenceId, ct) ?? throw new NotFoundException();
        var log = await db.DutyLogs.AsNoTracking().Where(l => l.Id == e.DutyLogId).Select(l => new { l.DeputyId, l.TownId, l.Status }).FirstAsync(ct);
        Guard.Allow(DutyPolicy.CanRecord(caller, log.TownId) || DutyPolicy.CanChangeOwnPending(caller, log.DeputyId, log.Status),
            caller, "DutyLog.RemoveEvidence", logger, evidenceId);
        await EnsureOwnMandateAsync(db, caller, ct);
        db.EvidenceFiles.Remove(e);
        await db.SaveChangesAsync(ct);
        await evidenceStore.DeleteAsync(e.StorageKey, CancellationToken.None);
    }

    /// <summary>
    /// A deputy writes for himself only while his mandate is active: a suspended or terminated deputy is refused here
    /// even if a session of his somehow survived. Clerks are not affected.
    /// </summary>
    private async Task EnsureOwnMandateAsync(DeputyDbContext db, Caller caller, CancellationToken ct)
    {
        if (!caller.IsDeputy)
        {
            return;
        }

        var status = await db.Deputies.AsNoTracking().Where(d => d.Id == caller.DeputyId).Select(d => (Deputies.DeputyStatus?)d.Status).FirstOrDefaultAsync(ct);
        if (!Accounts.Sessions.MandateAllows(status))
        {
            logger.LogWarning("Refused a write for deputy {DeputyId} by {User}: the mandate is not active", caller.DeputyId, caller.UserName);
            throw new AccessDeniedException();
        }
    }

    private async Task<StoredEvidence> StoreAsync(EvidenceUpload upload, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(upload.FileName)) throw new DomainException("Evidence_NameRequired");
        return await evidenceStore.SaveAsync(upload.Content, ct);
    }

    private static EvidenceFile ToEntity(long logId, EvidenceUpload upload, StoredEvidence file, Caller caller, DateTime now)
    {
        // The client's name is kept for display only, cleaned and with the extension of the type found in the bytes.
        var name = EvidenceNames.Safe(upload.FileName, file.ContentType);
        return new EvidenceFile(logId, name, file.ContentType, file.SizeBytes, file.Sha256, file.StorageKey, caller.UserName, now);
    }

    /// <summary>Rules that need the database: a date in the deputy's term and not in the future, a category of that year's rules, a station of his town.</summary>
    private async Task CheckConsistencyAsync(DeputyDbContext db, DutyLogInput input, int townId, int termStart, int termEnd, CancellationToken ct)
    {
        var date = input.Date!.Value;
        if (date > DateOnly.FromDateTime(clock.GetLocalNow().DateTime)) throw new DomainException("Duty_DateInFuture");
        if (date.Year < termStart || date.Year > termEnd) throw new DomainException("Duty_DateOutsideTerm");
        var rules = await ScoringRuleService.EffectiveAsync(db, date.Year, ct);
        if (rules.Category(input.CategoryCode) is null) throw new DomainException("Duty_CategoryNotInRules", input.CategoryCode, date.Year);
        if (input.LiaisonStationId is { } stationId && !await db.LiaisonStations.AnyAsync(s => s.Id == stationId && s.TownId == townId, ct))
        {
            throw new DomainException("Deputy_StationNotInTown");
        }
    }

    private static IQueryable<DutyLog> Filter(IQueryable<DutyLog> logs, Caller caller, DutyLogFilter filter)
    {
        if (caller.IsTownClerk) logs = logs.Where(l => l.TownId == caller.TownId);
        if (caller.IsDeputy) logs = logs.Where(l => l.DeputyId == caller.DeputyId);
        if (filter.DeputyId is { } deputyId) logs = logs.Where(l => l.DeputyId == deputyId);
        if (filter.TownId is { } townId) logs = logs.Where(l => l.TownId == townId);
        if (!string.IsNullOrEmpty(filter.CategoryCode)) logs = logs.Where(l => l.CategoryCode == filter.CategoryCode);
        // Dates filter through the date column (an index range), a year as its first and last day.
        var from = filter.From;
        var to = filter.To;
        if (filter.Year is { } year)
        {
            var first = new DateOnly(year, 1, 1);
            var last = new DateOnly(year, 12, 31);
            from = from is { } f && f > first ? f : first;
            to = to is { } t && t < last ? t : last;
        }

        if (from is { } fromDate) logs = logs.Where(l => l.Date >= fromDate);
        if (to is { } toDate) logs = logs.Where(l => l.Date <= toDate);
        if (filter.Status is { } status) logs = logs.Where(l => l.Status == status);
        return logs;
    }

    private static IQueryable<DutyLogRow> Project(IQueryable<DutyLog> logs) =>
        logs.Select(l => new DutyLogRow
        {
            Id = l.Id,
            Date = l.Date,
            DeputyId = l.DeputyId,
            DeputyNumber = l.Deputy!.DeputyNumber,
            DeputyName = l.Deputy.Name,
            TownId = l.TownId,
            TownName = l.Town!.Name,
            CategoryCode = l.CategoryCode,
            Count = l.Count,
            LiaisonStationId = l.LiaisonStationId,
            StationName = l.LiaisonStation!.Name,
            Place = l.Place,
            Description = l.Description,
            Status = l.Status,
            RejectionReason = l.RejectionReason,
            Source = l.Source,
            SubmittedBy = l.SubmittedBy,
            SubmittedAtUtc = l.SubmittedAtUtc,
            ReviewedBy = l.ReviewedBy,
            ReviewedAtUtc = l.ReviewedAtUtc,
            ExternalId = l.ExternalId,
            EvidenceCount = l.Evidence.Count,
        });

    /// <summary>Points are read through the year's rules, never stored: a rule change shows at once.</summary>
    private static async Task FillPointsAsync(DeputyDbContext db, IReadOnlyList<DutyLogRow> rows, CancellationToken ct)
    {
        foreach (var year in rows.Select(r => r.Date.Year).Distinct())
        {
            var rules = await ScoringRuleService.EffectiveAsync(db, year, ct);
            foreach (var row in rows.Where(r => r.Date.Year == year))
            {
                row.Points = rules.Category(row.CategoryCode) is { } c ? row.Count * c.Points : 0;
            }
        }
    }

    /// <summary>The features that follow the approved logs (the exit flags) catch up in the same transaction.</summary>
    private async Task NotifyAsync(DeputyDbContext db, ScoreTotalsDelta delta, CancellationToken ct)
    {
        if (delta.IsEmpty) return;
        foreach (var observer in observers ?? [])
        {
            await observer.OnApprovedLogsChangedAsync(db, delta.DeputyIds, ct);
        }
    }
}
