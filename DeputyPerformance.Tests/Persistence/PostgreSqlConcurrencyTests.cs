using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Reports;
using DeputyPerformance.Domain.Suggestions;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Persistence;

/// <summary>
/// Writers at the same moment on PostgreSQL, each on its own connection: what SQLite's one writer guarantees holds
/// through the advisory locks (decision 0072): no lost or duplicated row, no key violation.
/// </summary>
public sealed class PostgreSqlConcurrencyTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _townId;
    private int _deputyId;

    public async Task InitializeAsync()
    {
        if (!PostgresServer.Configured) return;
        _db = await TestDatabase.CreateAsync(seedDemo: true, engine: DatabaseProvider.PostgreSQL);
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var deputy = await ctx.Deputies.OrderBy(d => d.Id).FirstAsync();
        (_deputyId, _townId) = (deputy.Id, deputy.TownId);
    }

    public async Task DisposeAsync()
    {
        if (_db is not null) await _db.DisposeAsync();
    }

    private Caller Clerk => TestCallers.TownClerk(_townId);

    private async Task<(int VoteId, IReadOnlyList<string> Codes)> OpenVoteAsync(int codes)
    {
        var reports = _db.Get<ReportService>();
        var votes = _db.Get<VoteService>();
        var report = await reports.PlanAsync(Clerk, new ReportPlanInput { DeputyId = _deputyId, PlannedDate = new DateOnly(2019, 5, 10) });
        await reports.RecordSessionAsync(Clerk, report, new ReportSessionInput { HeldOn = new DateOnly(2019, 5, 10), Attendance = 200 });
        var voteId = await votes.CreateAsync(Clerk, new VoteSubject(VoteKind.ConstituentReport, report), VoteMode.Electronic);
        var printed = await votes.GenerateTokensAsync(Clerk, voteId, codes);
        await votes.OpenAsync(Clerk, voteId);
        return (voteId, printed);
    }

    [PostgresFact]
    public async Task EachCodeCastTwiceAtTheSameMomentGivesOneBallot()
    {
        var (voteId, codes) = await OpenVoteAsync(30);
        var ballots = _db.Get<BallotService>();
        using var start = new ManualResetEventSlim();
        var casts = codes.Concat(codes).Select(code => Task.Run(async () =>
        {
            start.Wait();
            return await ballots.CastAsync(code, SatisfactionOption.Satisfied);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(casts);

        Assert.Equal(30, results.Count(r => r == CastResult.Recorded));
        Assert.Equal(30, results.Count(r => r == CastResult.AlreadyVoted));
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        Assert.Equal(30, await ctx.ElectronicBallots.CountAsync(b => b.VoteId == voteId));
        Assert.Equal(30, await ctx.VoteTokens.CountAsync(t => t.VoteId == voteId && t.Used));
    }

    [PostgresFact]
    public async Task CastsRacingTheClosingAreCountedOrRefusedAndNoBallotIsLeftOver()
    {
        var (voteId, codes) = await OpenVoteAsync(60);
        var ballots = _db.Get<BallotService>();
        using var start = new ManualResetEventSlim();
        var casts = codes.Select(code => Task.Run(async () =>
        {
            start.Wait();
            return await ballots.CastAsync(code, SatisfactionOption.BasicallySatisfied);
        })).ToList();
        var close = Task.Run(async () =>
        {
            start.Wait();
            await Task.Delay(5);
            await _db.Get<VoteService>().CloseAsync(Clerk, voteId);
        });
        start.Set();
        var results = await Task.WhenAll(casts);
        await close;

        var recorded = results.Count(r => r == CastResult.Recorded);
        Assert.Equal(60, recorded + results.Count(r => r == CastResult.VotingClosed));
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var vote = await ctx.SatisfactionVotes.AsNoTracking().SingleAsync(v => v.Id == voteId);
        Assert.Equal(recorded, vote.Returned);
        Assert.Equal(recorded, vote.BasicallySatisfied);
        Assert.Equal(0, await ctx.ElectronicBallots.CountAsync(b => b.VoteId == voteId));
        Assert.Equal(recorded, await ctx.VoteTokens.CountAsync(t => t.VoteId == voteId && t.Used));
    }

    [PostgresFact]
    public async Task SuggestionsSubmittedAtTheSameMomentGetDistinctNumbersInOrder()
    {
        var service = _db.Get<SuggestionService>();
        using var start = new ManualResetEventSlim();
        var submissions = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await service.SubmitAsync(TestCallers.Deputy(_deputyId), new SuggestionInput
            {
                DeputyId = _deputyId, Title = $"Concurrent suggestion {i}", Content = "Submitted at the same moment as eleven others.", Field = "transport",
            });
        })).ToList();
        start.Set();
        var ids = await Task.WhenAll(submissions);

        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var numbers = await ctx.Suggestions.Where(s => ids.Contains(s.Id)).Select(s => new { s.Year, s.Number }).ToListAsync();
        Assert.Equal(12, numbers.Count);
        Assert.Equal(12, numbers.Select(n => (n.Year, n.Number)).Distinct().Count());
        var first = numbers.Min(n => n.Number);
        Assert.Equal(Enumerable.Range(first, 12), numbers.Select(n => n.Number).Order());
    }
}
