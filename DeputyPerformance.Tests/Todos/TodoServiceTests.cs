using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Reports;
using DeputyPerformance.Domain.Todos;
using DeputyPerformance.Tests.Duties;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Todos;

/// <summary>The to-do counts: what waits for whom, by role and scope.</summary>
public sealed class TodoServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private List<int> _towns = null!;
    private DutyTestData.DeputyRef _deputyA = null!;
    private DutyTestData.DeputyRef _deputyB = null!;

    private TodoService Todos => _db.Get<TodoService>();
    private DutyLogService Logs => _db.Get<DutyLogService>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _towns = await DutyTestData.TownIdsAsync(_db);
        _deputyA = await DutyTestData.DeputyOfTownAsync(_db, _towns[0]);
        _deputyB = await DutyTestData.DeputyOfTownAsync(_db, _towns[1]);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task ATownClerkCountsThePendingLogsOfHisTownOnlyAndCountyStaffAll()
    {
        await Logs.SubmitAsync(TestCallers.Deputy(_deputyA.Id), DutyTestData.Input(_deputyA.Id));
        await Logs.SubmitAsync(TestCallers.Deputy(_deputyA.Id), DutyTestData.Input(_deputyA.Id, DutyCategory.Reception));
        await Logs.SubmitAsync(TestCallers.Deputy(_deputyB.Id), DutyTestData.Input(_deputyB.Id));
        await Logs.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputyA.Id));

        Assert.Equal(2, (await Todos.CountsAsync(TestCallers.TownClerk(_towns[0]))).LogsToReview);
        Assert.Equal(1, (await Todos.CountsAsync(TestCallers.TownClerk(_towns[1]))).LogsToReview);
        Assert.Equal(3, (await Todos.CountsAsync(TestCallers.CountyClerk)).LogsToReview);
        // The committee reads: nothing waits for it.
        Assert.Equal(TodoCounts.None, await Todos.CountsAsync(TestCallers.CommitteeMember));
    }

    [Fact]
    public async Task VotesAwaitingConfirmationAndOverduePlansAreCountedInScope()
    {
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            ctx.SatisfactionVotes.Add(new SatisfactionVote(new VoteSubject(VoteKind.ConstituentReport, 9001), 2020, "纸质", VoteMode.Paper, _towns[0], null, false, "test", null));
            ctx.SatisfactionVotes.Add(new SatisfactionVote(new VoteSubject(VoteKind.ConstituentReport, 9002), 2020, "电子未开始", VoteMode.Electronic, _towns[0], null, false, "test", null));
            ctx.SatisfactionVotes.Add(new SatisfactionVote(new VoteSubject(VoteKind.ConstituentReport, 9003), 2020, "另一镇", VoteMode.Paper, _towns[1], null, false, "test", null));
            var report = new ConstituentReport(_deputyA.Id, _towns[0], 2020, new DateOnly(2020, 5, 1), null, 50);
            ctx.ConstituentReports.Add(report);
            await ctx.SaveChangesAsync();
            ctx.RectificationPlans.Add(new RectificationPlan(_deputyA.Id, report.Id, new DateOnly(2020, 8, 1)));
            await ctx.SaveChangesAsync();
        }

        var clerk = await Todos.CountsAsync(TestCallers.TownClerk(_towns[0]));
        var other = await Todos.CountsAsync(TestCallers.TownClerk(_towns[1]));
        var county = await Todos.CountsAsync(TestCallers.CountyClerk);
        var deputy = await Todos.CountsAsync(TestCallers.Deputy(_deputyA.Id));

        // An electronic vote in draft is not yet to confirm; a paper vote while its boxes are entered is.
        Assert.Equal(1, clerk.VotesToConfirm);
        Assert.Equal(1, clerk.OverduePlans);
        Assert.Equal(1, other.VotesToConfirm);
        Assert.Equal(0, other.OverduePlans);
        Assert.Equal(2, county.VotesToConfirm);
        Assert.Equal(1, deputy.OwnPlansDue);
    }

    [Fact]
    public async Task ADeputyCountsHisRejectedAndPendingLogs()
    {
        var me = TestCallers.Deputy(_deputyA.Id);
        var rejected = await Logs.SubmitAsync(me, DutyTestData.Input(_deputyA.Id));
        await Logs.SubmitAsync(me, DutyTestData.Input(_deputyA.Id, DutyCategory.Reception));
        await Logs.RejectAsync(TestCallers.TownClerk(_towns[0]), rejected, "缺少佐证");

        var counts = await Todos.CountsAsync(me);

        Assert.Equal(1, counts.OwnRejectedLogs);
        Assert.Equal(1, counts.OwnPendingLogs);
        Assert.Equal(0, counts.LogsToReview);
        // Another deputy's logs are not his.
        Assert.Equal(TodoCounts.None, await Todos.CountsAsync(TestCallers.Deputy(_deputyB.Id)));
    }
}
