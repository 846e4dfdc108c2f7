using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Scoring;
using DeputyPerformance.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Reports;

public sealed class ReportPlanInput
{
    public int DeputyId { get; set; }
    public int Year { get; set; }
    public DateOnly? PlannedDate { get; set; }
    public int? LiaisonStationId { get; set; }
    /// <summary>Empty: the year's rule (default 50).</summary>
    public int? MinimumAttendance { get; set; }
}

public sealed class ReportPlanValidator : AbstractValidator<ReportPlanInput>
{
    public ReportPlanValidator()
    {
        RuleFor(x => x.DeputyId).GreaterThan(0).WithText("Duty_DeputyRequired");
        RuleFor(x => x.PlannedDate).NotNull().WithText("Report_DateRequired");
        RuleFor(x => x.MinimumAttendance).GreaterThan(0).When(x => x.MinimumAttendance is not null).WithText("Report_MinimumPositive");
    }
}

public sealed class ReportSessionInput
{
    public DateOnly? HeldOn { get; set; }
    public int Attendance { get; set; }
    public string? ReportText { get; set; }
    public string? QuestionsRaised { get; set; }
    public string? FeedbackToDeputy { get; set; }
    public bool ResultAnnounced { get; set; }
}

public sealed class ReportSessionValidator : AbstractValidator<ReportSessionInput>
{
    public ReportSessionValidator()
    {
        RuleFor(x => x.HeldOn).NotNull().WithText("Report_DateRequired");
        RuleFor(x => x.Attendance).GreaterThan(0).WithText("Report_AttendanceRequired");
        RuleFor(x => x.ReportText).MaximumLength(ConstituentReport.MaxTextLength).WithText("Report_TextTooLong");
        RuleFor(x => x.QuestionsRaised).MaximumLength(ConstituentReport.MaxTextLength).WithText("Report_TextTooLong");
        RuleFor(x => x.FeedbackToDeputy).MaximumLength(ConstituentReport.MaxTextLength).WithText("Report_TextTooLong");
    }
}

public sealed class ReportRow
{
    public int Id { get; init; }
    public int DeputyId { get; init; }
    public string DeputyNumber { get; init; } = "";
    public string DeputyName { get; init; } = "";
    public string TownName { get; init; } = "";
    public int Year { get; init; }
    public DateOnly PlannedDate { get; init; }
    public string? StationName { get; init; }
    public ReportStatus Status { get; init; }
    public DateOnly? HeldOn { get; init; }
    public int? Attendance { get; init; }
    public int MinimumAttendance { get; init; }
    public int? VoteId { get; init; }
    public VoteStatus? VoteStatus { get; init; }
    public int? Valid { get; init; }
    public int? Approving { get; init; }
    public int? Dissatisfied { get; init; }
    /// <summary>The current vote was confirmed void: it shows no rate and no band, and a new vote may be held.</summary>
    public bool VoteIsVoid { get; init; }
    /// <summary>The tally's verdict of the confirmed current vote (competent, void...).</summary>
    public string? Verdict { get; init; }
    public string? FeedbackToDeputy { get; init; }
    public string? ReportText { get; init; }
    public string? QuestionsRaised { get; init; }

    /// <summary>The confirmed, valid result, once there is one (the tally engine decided the band).</summary>
    public decimal? Rate => Valid is > 0 ? Approving * 100m / Valid : null;

    /// <summary>A (new) vote may be held: the session is recorded and there is no vote yet, or the last one was void.</summary>
    public bool VoteCanBeHeld => Status == ReportStatus.Held && (VoteId is null || VoteIsVoid);

    /// <summary>The confirmed current vote raised an exit review for the deputy.</summary>
    public bool ExitReviewFlagged { get; init; }

    /// <summary>The resource key of the band of the confirmed current vote, void included; null before confirmation.</summary>
    public string? BandKey => Verdict is null ? null : VoteTallies.VerdictKey(Verdict);
}

public sealed record CoverageRow(int DeputyId, string DeputyNumber, string Name, string TownName, DeputyStatus Status, bool Reported, bool Flagged);

public sealed record CoverageYear(int Year, int MustReport);

public sealed record Coverage(string TermName, int Deputies, int Reported, IReadOnlyList<CoverageYear> RemainingYears, IReadOnlyList<CoverageRow> Rows);

public sealed record RectificationRow(int Id, int DeputyId, string DeputyName, string TownName, int ReportId, DateOnly DueDate, string? Text, DateTime? SubmittedUtc, bool Overdue);

/// <summary>Reports to constituents (述职): planning, the session, the deputy's view, term coverage and rectification plans.</summary>
public sealed class ReportService(
    IDbContextFactory<DeputyDbContext> factory, ReportPlanValidator planValidator, ReportSessionValidator sessionValidator,
    TimeProvider clock, ILogger<ReportService> logger, IEnumerable<IApprovedLogsObserver>? observers = null)
{
    public async Task<int> PlanAsync(Caller caller, ReportPlanInput input, CancellationToken ct = default)
    {
        await planValidator.EnsureValidAsync(input, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var deputy = await db.Deputies.Include(d => d.Term).FirstOrDefaultAsync(d => d.Id == input.DeputyId, ct) ?? throw new NotFoundException();
        Guard.Allow(VotePolicy.CanRun(caller, deputy.TownId), caller, "Report.Plan", logger, input.DeputyId);
        if (deputy.Status != DeputyStatus.Active) throw new DomainException("Report_DeputyNotActive");
        var year = input.PlannedDate!.Value.Year;
        if (year < deputy.Term!.StartYear || year > deputy.Term.EndYear) throw new DomainException("Report_OutsideTerm", deputy.Term.Name);
        var minimum = input.MinimumAttendance ?? (await VoteService.RulesAsync(db, year, ct)).MinimumAttendance;
        var report = new ConstituentReport(deputy.Id, deputy.TownId, year, input.PlannedDate.Value, input.LiaisonStationId, minimum);
        db.ConstituentReports.Add(report);
        await db.SaveChangesAsync(ct);
        return report.Id;
    }

    public async Task RecordSessionAsync(Caller caller, int reportId, ReportSessionInput input, CancellationToken ct = default)
    {
        await sessionValidator.EnsureValidAsync(input, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var report = await db.ConstituentReports.Include(r => r.Deputy).FirstOrDefaultAsync(r => r.Id == reportId, ct) ?? throw new NotFoundException();
        Guard.Allow(VotePolicy.CanRun(caller, report.TownId), caller, "Report.Record", logger, reportId);
        if (report.Deputy!.Status != DeputyStatus.Active) throw new DomainException("Report_DeputyNotActive");
        report.RecordSession(input.HeldOn!.Value, input.Attendance, input.ReportText?.Trim(), input.QuestionsRaised?.Trim(), input.FeedbackToDeputy?.Trim(), input.ResultAnnounced);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await RecordTheDutyAsync(db, report, caller, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// A held report is a duty: the deputy's approved constituent-report log is written here, once per report (keyed
    /// to it), in the session's transaction with his score totals, so no clerk enters it again.
    /// </summary>
    private async Task RecordTheDutyAsync(DeputyDbContext db, ConstituentReport report, Caller caller, CancellationToken ct)
    {
        var key = ReportDutyKey(report.Id);
        var heldOn = report.HeldOn!.Value;
        var delta = new ScoreTotalsDelta();
        var log = await db.DutyLogs.FirstOrDefaultAsync(l => l.DeputyId == report.DeputyId && l.ImportKey == key, ct);
        if (log is null)
        {
            log = DutyLog.RecordByProcedure(report.DeputyId, report.TownId, heldOn, DutyCategory.ConstituentReport, key,
                DomainText.Format("Report_DutyDescription", report.Year), caller.UserName, clock.GetUtcNow().UtcDateTime);
            db.DutyLogs.Add(log);
        }
        else if (log.Date != heldOn)
        {
            delta.Withdraws(log.DeputyId, log.Year, log.CategoryCode, log.Count);
            log.MoveTo(heldOn);
        }
        else
        {
            return;
        }

        await db.SaveChangesAsync(ct);
        delta.Counts(log);
        await ScoreQueries.ApplyAsync(db, delta, ct);
        if (!delta.IsEmpty)
        {
            foreach (var observer in observers ?? []) await observer.OnApprovedLogsChangedAsync(db, delta.DeputyIds, ct);
        }
    }

    /// <summary>The key of the duty log a held report produced (in the deputy's import-key space, apart from file keys).</summary>
    public static string ReportDutyKey(int reportId) => "rp:" + reportId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task CancelAsync(Caller caller, int reportId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var report = await db.ConstituentReports.FirstOrDefaultAsync(r => r.Id == reportId, ct) ?? throw new NotFoundException();
        Guard.Allow(VotePolicy.CanRun(caller, report.TownId), caller, "Report.Cancel", logger, reportId);
        report.Cancel();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A year's reports with their results, in the caller's scope, paged in the database.</summary>
    public async Task<PagedResult<ReportRow>> ListAsync(Caller caller, int year, ListQuery query, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsCountyStaff || caller.IsCommitteeMember || caller.IsTownClerk, caller, "Report.List", logger, year);
        await using var db = await factory.CreateDbContextAsync(ct);
        var reports = db.ConstituentReports.AsNoTracking().Where(r => r.Year == year);
        if (caller.IsTownClerk) reports = reports.Where(r => r.TownId == caller.TownId);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            reports = reports.Where(r => r.Deputy!.Name.Contains(s) || r.Deputy.DeputyNumber.Contains(s));
        }

        var rows = Project(db, reports);
        var total = await rows.CountAsync(ct);
        var ordered = query.SortBy switch
        {
            nameof(ReportRow.DeputyNumber) => query.Descending ? rows.OrderByDescending(r => r.DeputyNumber) : rows.OrderBy(r => r.DeputyNumber),
            nameof(ReportRow.TownName) => query.Descending ? rows.OrderByDescending(r => r.TownName) : rows.OrderBy(r => r.TownName),
            _ => query.Descending ? rows.OrderByDescending(r => r.PlannedDate) : rows.OrderBy(r => r.PlannedDate),
        };
        var items = await ordered.Skip(query.SafePage * query.SafePageSize).Take(query.SafePageSize).ToListAsync(ct);
        return new PagedResult<ReportRow>(items, total);
    }

    /// <summary>A deputy's own report sessions, results and feedback.</summary>
    public async Task<IReadOnlyList<ReportRow>> MyReportsAsync(Caller caller, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsDeputy && caller.DeputyId is not null, caller, "Report.Mine", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Project(db, db.ConstituentReports.AsNoTracking().Where(r => r.DeputyId == caller.DeputyId)).OrderByDescending(r => r.PlannedDate).ToListAsync(ct);
    }

    /// <summary>
    /// Who of the term's active deputies has held a report, and how many must report in each remaining year:
    /// the unreported spread evenly, rounded up (ceil(unreported / years left, this year included)). In the term's
    /// last year every deputy still unreported is flagged.
    /// </summary>
    public async Task<Coverage> CoverageAsync(Caller caller, int termId, int currentYear, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsCountyStaff || caller.IsCommitteeMember || caller.IsTownClerk, caller, "Report.Coverage", logger, termId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var term = await db.Terms.AsNoTracking().FirstOrDefaultAsync(t => t.Id == termId, ct) ?? throw new NotFoundException();
        var deputies = db.Deputies.AsNoTracking().Where(d => d.TermId == termId && d.Status == DeputyStatus.Active);
        if (caller.IsTownClerk) deputies = deputies.Where(d => d.TownId == caller.TownId);
        var rows = await deputies.OrderBy(d => d.DeputyNumber).Select(d => new
        {
            d.Id, d.DeputyNumber, d.Name, TownName = d.Town!.Name, d.Status,
            Reported = db.ConstituentReports.Any(r => r.DeputyId == d.Id && r.Status == ReportStatus.Held),
        }).ToListAsync(ct);
        var lastYear = currentYear >= term.EndYear;
        var unreported = rows.Count(r => !r.Reported);
        var firstYear = Math.Max(currentYear, term.StartYear);
        var years = Enumerable.Range(firstYear, Math.Max(0, term.EndYear - firstYear + 1)).ToList();
        var plan = CoveragePlanner.Spread(unreported, years).Select(s => new CoverageYear(s.Year, s.Count)).ToList();
        return new Coverage(term.Name, rows.Count, rows.Count - unreported, plan,
            rows.Select(r => new CoverageRow(r.Id, r.DeputyNumber, r.Name, r.TownName, r.Status, r.Reported, lastYear && !r.Reported)).ToList());
    }

    public async Task SubmitRectificationAsync(Caller caller, int planId, string text, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var plan = await db.RectificationPlans.FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException();
        Guard.Allow(caller.IsDeputy && caller.DeputyId == plan.DeputyId, caller, "Report.Rectify", logger, planId);
        // A deputy whose mandate ended (or is suspended) writes nothing, even from a page still open.
        var mandate = await db.Deputies.AsNoTracking().Where(d => d.Id == plan.DeputyId).Select(d => (DeputyStatus?)d.Status).FirstOrDefaultAsync(ct);
        Guard.Allow(Accounts.Sessions.MandateAllows(mandate), caller, "Report.Rectify.Mandate", logger, planId);
        plan.Submit(text, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Rectification plans: a deputy sees his own, clerks those of their scope, with the overdue ones marked.</summary>
    public async Task<IReadOnlyList<RectificationRow>> RectificationsAsync(Caller caller, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsCountyStaff || caller.IsCommitteeMember || caller.IsTownClerk || caller.IsDeputy, caller, "Report.Rectifications", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var plans = from p in db.RectificationPlans.AsNoTracking()
                    join d in db.Deputies on p.DeputyId equals d.Id
                    select new { p, d.Name, TownName = d.Town!.Name, d.TownId };
        if (caller.IsDeputy) plans = plans.Where(x => x.p.DeputyId == caller.DeputyId);
        if (caller.IsTownClerk) plans = plans.Where(x => x.TownId == caller.TownId);
        return (await plans.OrderBy(x => x.p.DueDate).Take(500).ToListAsync(ct))
            .Select(x => new RectificationRow(x.p.Id, x.p.DeputyId, x.Name, x.TownName, x.p.ConstituentReportId, x.p.DueDate, x.p.Text, x.p.SubmittedUtc,
                x.p.SubmittedUtc is null && x.p.DueDate < today)).ToList();
    }

    /// <summary>The year's results as .xlsx with headers in the user's language; text cells cannot start a formula.</summary>
    public async Task<byte[]> ExportAsync(Caller caller, int year, CancellationToken ct = default)
    {
        var page = await ListAsync(caller, year, new ListQuery(0, ListQuery.MaxPageSize), ct);
        var rows = new List<ReportRow>(page.Items);
        for (var p = 1; rows.Count < page.TotalCount; p++)
        {
            rows.AddRange((await ListAsync(caller, year, new ListQuery(p, ListQuery.MaxPageSize), ct)).Items);
        }

        var sheet = rows.Select(r =>
        {
            var band = r.BandKey is { } key ? DomainText.Get(key) : "";
            return new Dictionary<string, object?>
            {
                [DomainText.Get("Export_DeputyNumber")] = ImportFiles.Neutralise(r.DeputyNumber),
                [DomainText.Get("Export_Name")] = ImportFiles.Neutralise(r.DeputyName),
                [DomainText.Get("Export_Town")] = ImportFiles.Neutralise(r.TownName),
                [DomainText.Get("Export_Date")] = (r.HeldOn ?? r.PlannedDate).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                [DomainText.Get("Export_Status")] = DomainText.Get("ReportStatus_" + r.Status),
                [DomainText.Get("Export_Attendance")] = r.Attendance,
                [DomainText.Get("Export_Valid")] = r.Valid,
                [DomainText.Get("Export_Rate")] = r.Rate is { } rate ? Math.Round(rate, 2) : null,
                [DomainText.Get("Export_Band")] = band,
                [DomainText.Get("Export_Feedback")] = ImportFiles.Neutralise(r.FeedbackToDeputy),
            };
        }).ToList();
        using var stream = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, sheet, cancellationToken: ct);
        return stream.ToArray();
    }

    private static IQueryable<ReportRow> Project(DeputyDbContext db, IQueryable<ConstituentReport> reports) =>
        from r in reports
        join v in db.SatisfactionVotes on r.VoteId equals v.Id into vs
        from v in vs.DefaultIfEmpty()
        select new ReportRow
        {
            Id = r.Id, DeputyId = r.DeputyId, DeputyNumber = r.Deputy!.DeputyNumber, DeputyName = r.Deputy.Name, TownName = r.Deputy.Town!.Name,
            Year = r.Year, PlannedDate = r.PlannedDate, StationName = db.LiaisonStations.Where(s => s.Id == r.LiaisonStationId).Select(s => s.Name).FirstOrDefault(),
            Status = r.Status, HeldOn = r.HeldOn, Attendance = r.Attendance, MinimumAttendance = r.MinimumAttendance, VoteId = r.VoteId,
            VoteStatus = v == null ? null : v.Status,
            Valid = v != null && v.Status == Ballots.VoteStatus.Confirmed && !v.IsVoid ? v.Returned - v.Invalid : null,
            Approving = v != null && v.Status == Ballots.VoteStatus.Confirmed && !v.IsVoid ? v.Satisfied + v.BasicallySatisfied : null,
            Dissatisfied = v != null && v.Status == Ballots.VoteStatus.Confirmed && !v.IsVoid ? v.Dissatisfied : null,
            VoteIsVoid = v != null && v.Status == Ballots.VoteStatus.Confirmed && v.IsVoid,
            Verdict = v != null && v.Status == Ballots.VoteStatus.Confirmed ? v.Verdict : null,
            ExitReviewFlagged = db.ExitFlags.Any(f => f.DeputyId == r.DeputyId && f.Rule == Exits.ExitRuleCodes.ReportSatisfactionLow && f.Year == r.Year
                && (f.Status == Exits.ExitFlagStatus.Open || f.Status == Exits.ExitFlagStatus.CaseOpened)),
            FeedbackToDeputy = r.FeedbackToDeputy, ReportText = r.ReportText, QuestionsRaised = r.QuestionsRaised,
        };
}
