using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Scoring;
using DeputyPerformance.Domain.Suggestions;
using DeputyPerformance.Tests.Security;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeputyPerformance.Tests.Suggestions;

/// <summary>Suggestions on a real database: one duty log by itself, the department scope, the rating through the vote engine.</summary>
public sealed class SuggestionServiceTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new() { Now = new DateTimeOffset(2020, 3, 20, 8, 0, 0, TimeSpan.Zero) };
    private TestDatabase _db = null!;
    private SuggestionService _service = null!;
    private int _deputy;
    private int _coSigner;
    private int _roads;
    private int _water;
    private int _health;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _service = new SuggestionService(_db.Factory, _db.Get<SuggestionInputValidator>(), _db.Get<ReplyInputValidator>(), [], _clock,
            NullLogger<SuggestionService>.Instance, NullLogger<SuggestionVoteOwner>.Instance, _db.Get<IEvidenceStore>(), _db.Get<EvidenceOptions>());
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var deputies = await ctx.Deputies.OrderBy(d => d.Id).Select(d => d.Id).Take(2).ToListAsync();
        (_deputy, _coSigner) = (deputies[0], deputies[1]);
        var departments = await ctx.GovernmentDepartments.OrderBy(d => d.Id).Select(d => d.Id).Take(3).ToListAsync();
        (_roads, _water, _health) = (departments[0], departments[1], departments[2]);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Caller Deputy => TestCallers.Deputy(_deputy);

    private static Caller Handler(int departmentId) => new($"handler{departmentId}", Roles.DepartmentHandler, DepartmentId: departmentId);

    private Task<int> SubmitAsync() => _service.SubmitAsync(Deputy, new SuggestionInput
    {
        DeputyId = _deputy, Title = "Repair the market bridge", Content = "The bridge is unsafe for school children.", Field = "transport",
        CoSignerIds = [_coSigner],
    });

    private async Task<decimal> ScoreAsync(int deputyId) =>
        (await _db.Get<ScoreService>().DeputyScoreAsync(TestCallers.CountyClerk, deputyId, 2020))!.Score;

    private async Task<List<DutyLog>> SuggestionLogsAsync()
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        return await ctx.DutyLogs.AsNoTracking().Where(l => l.CategoryCode == DutyCategory.Suggestion && l.ImportKey != null && l.ImportKey.StartsWith("sg:")).ToListAsync();
    }

    [Fact]
    public async Task AnAcceptedSuggestionGivesTheLeadDeputyHisApprovedSuggestionDutyOnceAndItsPointsOnce()
    {
        var before = await ScoreAsync(_deputy);
        var coSignerBefore = await ScoreAsync(_coSigner);
        var id = await SubmitAsync();
        Assert.Empty(await SuggestionLogsAsync());

        await _service.AcceptAsync(TestCallers.CountyClerk, id);
        await Assert.ThrowsAsync<DomainException>(() => _service.AcceptAsync(TestCallers.CountyClerk, id));

        var log = Assert.Single(await SuggestionLogsAsync());
        Assert.Equal((_deputy, DutyLogStatus.Approved, DutyLogSource.Procedure, new DateOnly(2020, 3, 20)), (log.DeputyId, log.Status, log.Source, log.Date));
        Assert.Equal(before + 3, await ScoreAsync(_deputy));
        Assert.Equal(coSignerBefore, await ScoreAsync(_coSigner));
    }

    [Fact]
    public async Task CoSignersGetTheDutyTooWhenTheYearsRulesSaySo()
    {
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            ctx.SuggestionRuleSets.Add(new SuggestionRuleSet(2020) { CoSignersEarnDuty = true });
            await ctx.SaveChangesAsync();
        }

        var coSignerBefore = await ScoreAsync(_coSigner);
        var id = await SubmitAsync();
        await _service.AcceptAsync(TestCallers.CountyClerk, id);

        Assert.Equal([_deputy, _coSigner], (await SuggestionLogsAsync()).Select(l => l.DeputyId).Order());
        Assert.Equal(coSignerBefore + 3, await ScoreAsync(_coSigner));
    }

    [Fact]
    public async Task TurningAnAcceptedSuggestionIntoALetterRemovesItsDutyAndItsPoints()
    {
        var before = await ScoreAsync(_deputy);
        var id = await SubmitAsync();
        await _service.AcceptAsync(TestCallers.CountyClerk, id);
        Assert.Equal(before + 3, await ScoreAsync(_deputy));

        await _service.TurnIntoLetterAsync(TestCallers.CountyClerk, id, "a complaint, not a suggestion");

        Assert.Empty(await SuggestionLogsAsync());
        Assert.Equal(before, await ScoreAsync(_deputy));
        Assert.Equal(SuggestionStatus.Letter, (await _service.GetAsync(TestCallers.CountyClerk, id)).Status);
    }

    [Fact]
    public async Task AHandlerOfOneDepartmentCannotReadOrReplyToAnotherDepartmentsSuggestion()
    {
        var id = await SubmitAsync();
        await _service.AcceptAsync(TestCallers.CountyClerk, id);
        await _service.AssignAsync(TestCallers.CountyClerk, id, _roads, [_water]);
        var reply = new ReplyInput { Category = ReplyCategory.B, Text = "Repairs start in May.", ContactMethod = "visit" };

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.GetAsync(Handler(_health), id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.ReplyAsync(Handler(_health), id, reply));
        Assert.Equal(0, (await _service.ListAsync(Handler(_health), new SuggestionFilter(2020), new ListQuery())).TotalCount);
        // The co-handler reads it and sends his opinion, but only the lead department replies.
        Assert.Equal(1, (await _service.ListAsync(Handler(_water), new SuggestionFilter(2020), new ListQuery())).TotalCount);
        await _service.SendCoOpinionAsync(Handler(_water), id, "The water pipes under the bridge need moving first.");
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.ReplyAsync(Handler(_water), id, reply));
        Assert.Equal([SuggestionAction.Reply], (await _service.GetAsync(Handler(_roads), id)).Offered);

        await _service.ReplyAsync(Handler(_roads), id, reply);

        var detail = await _service.GetAsync(TestCallers.CountyClerk, id);
        Assert.Equal(SuggestionStatus.Replied, detail.Status);
        Assert.NotNull(detail.CoHandlers.Single().Opinion);
    }

    [Fact]
    public async Task TheDeputysRatingIsAConfirmedVoteOfTheOneEngineAndDissatisfiedReopensTheHandlingForAMonth()
    {
        var id = await SubmitAsync();
        await _service.AcceptAsync(TestCallers.CountyClerk, id);
        await _service.AssignAsync(TestCallers.CountyClerk, id, _roads, []);
        _clock.Now = new DateTimeOffset(2020, 5, 31, 8, 0, 0, TimeSpan.Zero);
        await _service.ReplyAsync(Handler(_roads), id, new ReplyInput { Category = ReplyCategory.B, Text = "Repairs start soon.", ContactMethod = "telephone" });
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.RateAsync(TestCallers.Deputy(_coSigner), id, SatisfactionOption.Satisfied));

        await _service.RateAsync(Deputy, id, SatisfactionOption.Dissatisfied);

        var reopened = await _service.GetAsync(Deputy, id);
        Assert.Equal((SuggestionStatus.Handling, new DateOnly(2020, 6, 30)), (reopened.Status, reopened.DueOn!.Value));
        _clock.Now = new DateTimeOffset(2020, 6, 20, 8, 0, 0, TimeSpan.Zero);
        await _service.ReplyAsync(Handler(_roads), id, new ReplyInput { Category = ReplyCategory.A, Text = "The bridge is repaired.", ContactMethod = "visit" });
        await _service.RateAsync(Deputy, id, SatisfactionOption.Satisfied);

        var rated = await _service.GetAsync(Deputy, id);
        Assert.Equal(SuggestionStatus.Rated, rated.Status);
        Assert.Equal([SatisfactionOption.Dissatisfied, SatisfactionOption.Satisfied], rated.Replies.Select(r => r.Rating!.Value));
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var votes = await ctx.SatisfactionVotes.AsNoTracking().Where(v => v.Kind == VoteKind.SuggestionReply).OrderBy(v => v.Id).ToListAsync();
        Assert.Equal(["dissatisfied", "satisfied"], votes.Select(v => v.Verdict));
        Assert.All(votes, v => Assert.Equal((VoteStatus.Confirmed, "deputy"), (v.Status, v.ConfirmedBy)));
        Assert.Equal(rated.Replies.Select(r => r.VoteId), votes.Select(v => (int?)v.Id));
    }

    [Fact]
    public async Task TheVotePageCannotStartARatingVote()
    {
        var engine = _db.Get<VoteService>();

        var ex = await Assert.ThrowsAsync<DomainException>(() => engine.CreateAsync(TestCallers.CountyClerk, new VoteSubject(VoteKind.SuggestionReply, 1), VoteMode.Paper));

        Assert.Equal("Suggestion_RatedOnItsPage", ex.Key);
    }

    [Fact]
    public async Task TheDepartmentsFiguresFollowItsRepliesAndRatings()
    {
        var id = await SubmitAsync();
        await _service.AcceptAsync(TestCallers.CountyClerk, id);
        await _service.AssignAsync(TestCallers.CountyClerk, id, _roads, []);
        var before = Assert.Single(await _service.StatisticsAsync(TestCallers.CountyClerk, 2020));
        Assert.Equal((1, (decimal?)null, (decimal?)null), (before.Counts.Count, before.OnTimeRate, before.SatisfactionRate));

        await _service.ReplyAsync(Handler(_roads), id, new ReplyInput { Category = ReplyCategory.B, Text = "Repairs start soon.", ContactMethod = "visit" });
        await _service.RateAsync(Deputy, id, SatisfactionOption.BasicallySatisfied);

        var after = Assert.Single(await _service.StatisticsAsync(Handler(_roads), 2020));
        Assert.Equal((100m, 100m), (after.OnTimeRate!.Value, after.SatisfactionRate!.Value));
        Assert.Equal([0m, 100m, 0m, 0m], after.CategorySplit);
        Assert.Empty(await _service.StatisticsAsync(Handler(_water), 2020));
    }

    [Fact]
    public async Task TheBoardListsTheOverdueInTheCallersScopeOnly()
    {
        var id = await SubmitAsync();
        await _service.AcceptAsync(TestCallers.CountyClerk, id);
        await _service.AssignAsync(TestCallers.CountyClerk, id, _roads, []);
        _clock.Now = new DateTimeOffset(2020, 6, 21, 8, 0, 0, TimeSpan.Zero);

        var overdue = await _service.ListAsync(TestCallers.CountyClerk, new SuggestionFilter(2020, OverdueOnly: true), new ListQuery(SortBy: "DueOn"));

        Assert.Equal(DueMark.Overdue, Assert.Single(overdue.Items).Mark);
        Assert.Equal(1, (await _service.ListAsync(TestCallers.Deputy(_coSigner), new SuggestionFilter(2020), new ListQuery())).TotalCount);
        Assert.Equal(0, (await _service.ListAsync(TestCallers.Deputy(_coSigner + 5), new SuggestionFilter(2020), new ListQuery())).TotalCount);
    }

    [Fact]
    public async Task OnlyTheOfficeMarksAKeySuggestionWithItsSupervisor()
    {
        var id = await SubmitAsync();
        await _service.AcceptAsync(TestCallers.CountyClerk, id);

        var viceChairman = (await _service.SupervisorOptionsAsync())[0];

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.MakeKeyAsync(Deputy, id, viceChairman.Id));
        Assert.Contains(SuggestionAction.MakeKey, (await _service.GetAsync(TestCallers.CountyClerk, id)).Offered);
        await _service.MakeKeyAsync(TestCallers.CountyClerk, id, viceChairman.Id);

        var detail = await _service.GetAsync(TestCallers.CountyClerk, id);
        Assert.Equal((true, viceChairman.Name), (detail.IsKey, detail.Supervisor));
        Assert.Equal(TestCallers.CountyClerk.UserName, detail.Key!.PickedBy);
        Assert.DoesNotContain(SuggestionAction.MakeKey, (await _service.GetAsync(Deputy, id)).Offered);
        Assert.Equal(1, (await _service.ListAsync(TestCallers.CountyClerk, new SuggestionFilter(2020, KeyOnly: true), new ListQuery())).TotalCount);
    }

    [Fact]
    public async Task TheDeadlineFollowsTheYearsSavedRulesWhichOnlyAnAdministratorSaves()
    {
        var rules = _db.Get<SuggestionRuleService>();
        var input = (await rules.GetAsync(2020)).Rules;
        input.ReplyMonths = 2;
        input.ExtendedReplyMonths = 4;

        await Assert.ThrowsAsync<AccessDeniedException>(() => rules.SaveAsync(TestCallers.CountyClerk, input));
        await Assert.ThrowsAsync<InputValidationException>(() => rules.SaveAsync(TestCallers.Admin, new SuggestionRulesInput { Year = 2020, ReplyMonths = 6, ExtendedReplyMonths = 6 }));
        await rules.SaveAsync(TestCallers.Admin, input);
        var id = await SubmitAsync();
        await _service.AcceptAsync(TestCallers.CountyClerk, id);
        await _service.AssignAsync(TestCallers.CountyClerk, id, _roads, []);

        Assert.Equal(new DateOnly(2020, 5, 20), (await _service.GetAsync(TestCallers.CountyClerk, id)).DueOn);
        await _service.ExtendAsync(TestCallers.CountyClerk, id, "budget");
        Assert.Equal(new DateOnly(2020, 7, 20), (await _service.GetAsync(TestCallers.CountyClerk, id)).DueOn);
    }
}
