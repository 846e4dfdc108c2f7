using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Exits;
using DeputyPerformance.Domain.Notifications;
using DeputyPerformance.Tests.Duties;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Exits;

/// <summary>The bell: flags, reviews and decisions notify the deputy and the office that runs his case, once, in scope.</summary>
public sealed class ExitNotificationTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Deputy _town = null!;

    private ExitCaseService Cases => _db.Get<ExitCaseService>();
    private NotificationService Notifications => _db.Get<NotificationService>();
    private static Caller Clerk => TestCallers.CountyClerk;
    private Caller Me => TestCallers.Deputy(_town.Id);
    private Caller MyClerk => TestCallers.TownClerk(_town.TownId);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        _town = await ctx.Deputies.AsNoTracking().OrderBy(d => d.Id).FirstAsync(d => d.Level == DeputyLevel.Town && d.Status == DeputyStatus.Active);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<List<Notification>> StoredAsync()
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        return await ctx.Notifications.AsNoTracking().Where(n => n.DeputyId == _town.Id).OrderBy(n => n.Id).ToListAsync();
    }

    private Task<long> AbsenceAsync(string date) =>
        _db.Get<DutyLogService>().RecordAsync(Clerk, DutyTestData.Input(_town.Id, DutyCategory.CongressAbsence, 1, date));

    [Fact]
    public async Task ARaisedFlagNotifiesTheDeputyAndHisTownsClerksOnceAndRecomputingWritesNoMore()
    {
        await AbsenceAsync("2017-03-01");
        Assert.Empty(await StoredAsync());

        await AbsenceAsync("2018-03-02");
        await _db.Get<ExitFlagService>().RefreshAllAsync(Clerk);
        await _db.Get<ExitFlagService>().RefreshAllAsync(Clerk);

        var stored = await StoredAsync();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, n => Assert.Equal((NotificationKind.FlagRaised, ExitRuleCodes.CongressAbsencesTerm), (n.Kind, n.Detail)));
        Assert.Contains(stored, n => n.RecipientDeputyId == _town.Id);
        Assert.Contains(stored, n => n.RecipientRole == Roles.TownClerk && n.RecipientTownId == _town.TownId);
        var mine = Assert.Single((await Notifications.ListAsync(Me, new ListQuery())).Items);
        Assert.Equal((NotificationKind.FlagRaised, ExitRuleCodes.CongressAbsencesTerm), (mine.Kind, mine.FlagRule));
    }

    [Fact]
    public async Task StartingTheReviewAndEachDecisionNotifyTheDeputyAndTheClerksInTheStepsTransaction()
    {
        var caseId = await Cases.OpenByHandAsync(Clerk, _town.Id, ExitGround.MovedAway, "moved");
        Assert.Empty(await StoredAsync());

        await Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.StartReview });
        await Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.HoldWarningTalk, Note = "talked" });
        await Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.Close, Note = "done" });

        var mine = (await Notifications.ListAsync(Me, new ListQuery())).Items;
        Assert.Equal([NotificationKind.Decision, NotificationKind.Decision, NotificationKind.DefenceRequested], mine.Select(n => n.Kind));
        Assert.Equal([nameof(ExitCaseAction.Close), nameof(ExitCaseAction.HoldWarningTalk)], mine.Take(2).Select(n => n.Detail));
        Assert.All(mine, n => Assert.Equal(caseId, n.CaseId));
        var office = (await Notifications.ListAsync(MyClerk, new ListQuery())).Items.Where(n => n.DeputyId == _town.Id).ToList();
        Assert.Equal([NotificationKind.Decision, NotificationKind.Decision], office.Select(n => n.Kind));
    }

    [Fact]
    public async Task ADeputySeesOnlyHisOwnAndATownClerkOnlyHisTownsAndCommitteeMembersNone()
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var other = await ctx.Deputies.AsNoTracking().FirstAsync(d => d.Level == DeputyLevel.Town && d.TownId != _town.TownId);
        var mineCase = await Cases.OpenByHandAsync(Clerk, _town.Id, ExitGround.MovedAway, "moved");
        var otherCase = await Cases.OpenByHandAsync(Clerk, other.Id, ExitGround.MovedAway, "moved");
        await Cases.ActAsync(Clerk, mineCase, new ExitActionInput { Action = ExitCaseAction.Dismiss, Note = "not moved" });
        await Cases.ActAsync(Clerk, otherCase, new ExitActionInput { Action = ExitCaseAction.Dismiss, Note = "not moved" });

        Assert.Equal([_town.Id], (await Notifications.ListAsync(Me, new ListQuery())).Items.Select(n => n.DeputyId).Distinct());
        Assert.Equal([_town.Id], (await Notifications.ListAsync(MyClerk, new ListQuery())).Items.Select(n => n.DeputyId).Distinct());
        Assert.Equal([other.Id], (await Notifications.ListAsync(TestCallers.TownClerk(other.TownId), new ListQuery())).Items.Select(n => n.DeputyId).Distinct());
        Assert.Empty((await Notifications.ListAsync(TestCallers.CommitteeMember, new ListQuery())).Items);
        Assert.Equal(0, await Notifications.UnreadCountAsync(TestCallers.CommitteeMember));
        // A town deputy's case is his town office's, not the committee office's.
        Assert.DoesNotContain((await Notifications.ListAsync(Clerk, new ListQuery())).Items, n => n.DeputyId == _town.Id);

        var othersNotice = (await Notifications.ListAsync(TestCallers.Deputy(other.Id), new ListQuery())).Items.Single();
        await Assert.ThrowsAsync<NotFoundException>(() => Notifications.OpenAsync(Me, othersNotice.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Notifications.OpenAsync(MyClerk, othersNotice.Id));
    }

    [Fact]
    public async Task TheUnreadCountFallsWhenANotificationIsOpenedAndMarkAllReadEmptiesIt()
    {
        var caseId = await Cases.OpenByHandAsync(Clerk, _town.Id, ExitGround.MovedAway, "moved");
        await Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.StartReview, Date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30) });
        await Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.Dismiss, Note = "not moved" });
        Assert.Equal(2, await Notifications.UnreadCountAsync(Me));

        var first = (await Notifications.ListAsync(Me, new ListQuery())).Items[0];
        var opened = await Notifications.OpenAsync(Me, first.Id);

        Assert.NotNull(opened.ReadUtc);
        Assert.Equal(caseId, opened.CaseId);
        Assert.Equal(1, await Notifications.UnreadCountAsync(Me));
        Assert.Single((await Notifications.ListAsync(Me, new ListQuery(), unreadOnly: true)).Items);
        Assert.Equal(1, await Notifications.MarkAllReadAsync(Me));
        Assert.Equal(0, await Notifications.UnreadCountAsync(Me));
        Assert.Equal(1, await Notifications.UnreadCountAsync(MyClerk));
    }

    [Fact]
    public async Task ADefenceDueWithinThreeDaysWithoutADefenceRemindsTheDeputyOnceAndAFarDueDateDoesNot()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var caseId = await Cases.OpenByHandAsync(Clerk, _town.Id, ExitGround.MovedAway, "moved");
        await Cases.ActAsync(Clerk, caseId, new ExitActionInput { Action = ExitCaseAction.StartReview, Date = today.AddDays(NotificationService.DefenceReminderDays + 1) });
        Assert.Equal(1, await Notifications.UnreadCountAsync(Me));
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            await ctx.ExitCases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.DefenceDueOn, today.AddDays(1)));
        }

        Assert.Equal(2, await Notifications.UnreadCountAsync(Me));
        Assert.Equal(2, await Notifications.UnreadCountAsync(Me));

        var reminder = Assert.Single(await StoredAsync(), n => n.Kind == NotificationKind.DefenceDue);
        Assert.Equal((caseId, today.AddDays(1).ToString("yyyy-MM-dd")), (reminder.CaseId, reminder.Detail));
    }
}
