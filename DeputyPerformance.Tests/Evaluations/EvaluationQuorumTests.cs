using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Departments;
using DeputyPerformance.Domain.Evaluations;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Evaluations;

/// <summary>A committee of 31 (the demo's 35 with four members no longer active): the quorum of an evaluation's vote at its boundary.</summary>
public sealed class EvaluationQuorumTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _evaluationId;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            foreach (var m in await ctx.CommitteeMembers.OrderByDescending(m => m.Id).Take(4).ToListAsync())
            {
                m.Update(m.TermId, m.Name, m.Position, isActive: false);
            }

            await ctx.SaveChangesAsync();
        }

        var department = await _db.Get<GovernmentDepartmentService>().SaveAsync(TestCallers.Admin, new GovernmentDepartmentInput { Name = "法定人数局" });
        var evaluations = _db.Get<EvaluationService>();
        await evaluations.SelectAsync(TestCallers.CountyClerk, 2020, [department], acknowledgeWarnings: true);
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            _evaluationId = await ctx.DepartmentEvaluations.Where(e => e.DepartmentId == department).Select(e => e.Id).SingleAsync();
        }

        for (var i = 0; i < 3; i++) await evaluations.ActAsync(TestCallers.CountyClerk, _evaluationId, EvaluationAction.CompletePhase, new EvaluationStepInput());
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task FifteenOfThirtyOnePresentIsRefusedAndSixteenIsGradedOnTheWholeCommittee()
    {
        var votes = _db.Get<VoteService>();
        var voteId = await votes.CreateAsync(TestCallers.CountyClerk, new VoteSubject(VoteKind.DepartmentEvaluation, _evaluationId), VoteMode.Paper);
        // 满意 8 of 31 members is not half; 满意 + 基本满意 = 16 is more than half of 31: 基本满意.
        var counts = TallyCounts.From(16, 16, 0, 8, 8, 0);
        await votes.EnterBoxAsync(TestCallers.CountyClerk, voteId, 1, "1", counts);
        await votes.EnterBoxAsync(TestCallers.Admin, voteId, 2, "1", counts);

        Assert.Equal(31, (await votes.GetAsync(TestCallers.CountyClerk, voteId)).Members);
        var refused = await Assert.ThrowsAsync<DomainException>(() => votes.ConfirmAsync(TestCallers.CountyClerk, voteId, present: 15));
        Assert.Equal("Ballot_NoQuorum", refused.Key);
        Assert.Null((await _db.Get<EvaluationService>().GetAsync(TestCallers.CountyClerk, _evaluationId)).Grade);
        await votes.ConfirmAsync(TestCallers.CountyClerk, voteId, present: 16);

        var detail = await _db.Get<EvaluationService>().GetAsync(TestCallers.CountyClerk, _evaluationId);
        Assert.Equal(EvaluationOutcome.BasicallySatisfied, detail.Grade);
        Assert.True(detail.RectificationRecommended);
        Assert.Equal((31, 16), (detail.Votes.Single().Members!.Value, detail.Votes.Single().Present!.Value));
    }
}
