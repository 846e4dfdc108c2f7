using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Exits;
using DeputyPerformance.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Notifications;

/// <summary>A notification as the bell's list shows it; the link goes to the case, or to the flag's board or own page.</summary>
public sealed record NotificationRow(long Id, NotificationKind Kind, int DeputyId, string DeputyNumber, string DeputyName, int? CaseId, int? FlagId,
    string? FlagRule, string? Detail, DateTime CreatedUtc, DateTime? ReadUtc);

/// <summary>
/// The notifications a caller receives: a deputy his own, a town clerk his town office's, county staff the committee
/// office's; committee members and department handlers get none. The scope is checked here, the list pages in the
/// database, the unread count is one indexed COUNT. Writing is <see cref="NotificationWriter"/>'s, in the facts' transactions.
/// </summary>
public sealed class NotificationService(IDbContextFactory<DeputyDbContext> factory, TimeProvider clock, ILogger<NotificationService> logger)
{
    /// <summary>How many days before the due date the deputy is reminded of a defence he has not filed.</summary>
    public const int DefenceReminderDays = 3;

    public static bool Receives(Caller caller) =>
        (caller.IsDeputy && caller.DeputyId is not null) || (caller.IsTownClerk && caller.TownId is not null) || caller.IsCountyStaff;

    public async Task<int> UnreadCountAsync(Caller caller, CancellationToken ct = default)
    {
        if (!Receives(caller)) return 0;
        await using var db = await factory.CreateDbContextAsync(ct);
        await RemindAsync(db, caller, ct);
        return await Mine(db, caller).CountAsync(n => n.ReadUtc == null, ct);
    }

    public async Task<PagedResult<NotificationRow>> ListAsync(Caller caller, ListQuery query, bool unreadOnly = false, CancellationToken ct = default)
    {
        if (!Receives(caller)) return new PagedResult<NotificationRow>([], 0);
        await using var db = await factory.CreateDbContextAsync(ct);
        await RemindAsync(db, caller, ct);
        var mine = Mine(db, caller);
        if (unreadOnly) mine = mine.Where(n => n.ReadUtc == null);
        var rows = from n in mine
                   join d in db.Deputies.AsNoTracking() on n.DeputyId equals d.Id
                   join f in db.ExitFlags.AsNoTracking() on n.FlagId equals (int?)f.Id into flags
                   from f in flags.DefaultIfEmpty()
                   orderby n.CreatedUtc descending, n.Id descending
                   select new NotificationRow(n.Id, n.Kind, n.DeputyId, d.DeputyNumber, d.Name, n.CaseId ?? (f == null ? null : f.CaseId), n.FlagId,
                       f == null ? null : f.Rule, n.Detail, n.CreatedUtc, n.ReadUtc);
        var total = await mine.CountAsync(ct);
        var items = await rows.Skip(query.SafePage * query.SafePageSize).Take(query.SafePageSize).ToListAsync(ct);
        return new PagedResult<NotificationRow>(items, total);
    }

    /// <summary>Marks one notification read (opening it does so); another recipient's notification is not found.</summary>
    public async Task<NotificationRow> OpenAsync(Caller caller, long id, CancellationToken ct = default)
    {
        Guard.Allow(Receives(caller), caller, "Notification.Open", logger, id);
        await using var db = await factory.CreateDbContextAsync(ct);
        var n = await Mine(db, caller, tracked: true).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException();
        if (n.MarkRead(caller.UserName, clock.GetUtcNow().UtcDateTime)) await db.SaveChangesAsync(ct);
        var d = await db.Deputies.AsNoTracking().Where(x => x.Id == n.DeputyId).Select(x => new { x.DeputyNumber, x.Name }).FirstAsync(ct);
        var flag = n.FlagId is { } fid ? await db.ExitFlags.AsNoTracking().Where(f => f.Id == fid).Select(f => new { f.Rule, f.CaseId }).FirstOrDefaultAsync(ct) : null;
        return new NotificationRow(n.Id, n.Kind, n.DeputyId, d.DeputyNumber, d.Name, n.CaseId ?? flag?.CaseId, n.FlagId, flag?.Rule, n.Detail, n.CreatedUtc, n.ReadUtc);
    }

    /// <summary>Marks every unread notification of the caller read, in one UPDATE.</summary>
    public async Task<int> MarkAllReadAsync(Caller caller, CancellationToken ct = default)
    {
        if (!Receives(caller)) return 0;
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var by = caller.UserName;
        return await Mine(db, caller, tracked: true).Where(n => n.ReadUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now).SetProperty(n => n.ReadBy, by), ct);
    }

    /// <summary>The caller's notifications: the scope rule in one place.</summary>
    private static IQueryable<Notification> Mine(DeputyDbContext db, Caller caller, bool tracked = false)
    {
        var all = tracked ? db.Notifications : db.Notifications.AsNoTracking();
        if (caller is { IsDeputy: true, DeputyId: { } deputyId }) return all.Where(n => n.RecipientDeputyId == deputyId);
        if (caller is { IsTownClerk: true, TownId: { } townId }) return all.Where(n => n.RecipientRole == Roles.TownClerk && n.RecipientTownId == townId);
        if (caller.IsCountyStaff) return all.Where(n => n.RecipientRole == Roles.CountyClerk);
        return all.Where(n => false);
    }

    /// <summary>
    /// The defence-due reminder: a deputy whose case is under review without a defence, due within
    /// <see cref="DefenceReminderDays"/> days or already past, gets it once per case (a unique index keeps it single).
    /// </summary>
    private async Task RemindAsync(DeputyDbContext db, Caller caller, CancellationToken ct)
    {
        if (caller is not { IsDeputy: true, DeputyId: { } deputyId }) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var remindFrom = DateOnly.FromDateTime(now).AddDays(DefenceReminderDays);
        var due = await db.ExitCases.AsNoTracking()
            .Where(c => c.DeputyId == deputyId && c.State == ExitCaseState.UnderReview && c.DefenceFiledUtc == null && c.DefenceDueOn != null && c.DefenceDueOn <= remindFrom)
            .Where(c => !db.Notifications.Any(n => n.CaseId == c.Id && n.Kind == NotificationKind.DefenceDue))
            .Select(c => new { c.Id, c.DefenceDueOn }).ToListAsync(ct);
        if (due.Count == 0) return;
        foreach (var c in due) db.Notifications.Add(NotificationWriter.DefenceDue(deputyId, c.Id, c.DefenceDueOn!.Value, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another page of the same deputy wrote the reminder first: the unique index kept it single.
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>Builds the notifications of the exit procedure's facts; the exit services add them to their own context and transaction.</summary>
public static class NotificationWriter
{
    public static IEnumerable<Notification> FlagRaised(ExitFlag flag, DeputyLevel level, int townId, DateTime atUtc) =>
    [
        Notification.ToDeputy(NotificationKind.FlagRaised, flag.DeputyId, flag.CaseId, flag.Id, flag.Rule, atUtc),
        Notification.ToOffice(NotificationKind.FlagRaised, flag.DeputyId, level, townId, flag.CaseId, flag.Id, flag.Rule, atUtc),
    ];

    public static Notification DefenceRequested(ExitCase c, DateTime atUtc) =>
        Notification.ToDeputy(NotificationKind.DefenceRequested, c.DeputyId, c.Id, null, DueText(c.DefenceDueOn), atUtc);

    public static Notification DefenceDue(int deputyId, int caseId, DateOnly dueOn, DateTime atUtc) =>
        Notification.ToDeputy(NotificationKind.DefenceDue, deputyId, caseId, null, DueText(dueOn), atUtc);

    public static Notification DefenceFiled(ExitCase c, DateTime atUtc) =>
        Notification.ToOffice(NotificationKind.DefenceFiled, c.DeputyId, c.Level, c.TownId, c.Id, null, null, atUtc);

    /// <summary>A decision goes to the deputy and to the office that runs his case; the detail is the step's action.</summary>
    public static IEnumerable<Notification> Decision(ExitCase c, ExitCaseAction action, DateTime atUtc) =>
    [
        Notification.ToDeputy(NotificationKind.Decision, c.DeputyId, c.Id, null, action.ToString(), atUtc),
        Notification.ToOffice(NotificationKind.Decision, c.DeputyId, c.Level, c.TownId, c.Id, null, action.ToString(), atUtc),
    ];

    /// <summary>The steps that are decisions on the case (the procedure's own moves, such as receiving a letter, are not).</summary>
    public static bool IsDecision(ExitCaseAction action) => action is ExitCaseAction.HoldWarningTalk or ExitCaseAction.PersuadeToResign
        or ExitCaseAction.DecideResignation or ExitCaseAction.DecideRecall or ExitCaseAction.Terminate or ExitCaseAction.Suspend
        or ExitCaseAction.Restore or ExitCaseAction.Close or ExitCaseAction.Dismiss;

    private static string? DueText(DateOnly? due) => due?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
