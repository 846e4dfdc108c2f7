using DeputyPerformance.Domain.Seeding;
using DeputyPerformance.Domain.Suggestions;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Suggestions;

/// <summary>The demo's suggestions: two congress sessions in every state, key ones with their vice-chairman, plan and visits, published replies.</summary>
public sealed class DemoSuggestionTests
{
    [Fact]
    public async Task TwoSessionsHoldEveryStateKeySuggestionsWithPlanAndVisitsAndPublishedReplies()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using (var ctx = await db.Factory.CreateDbContextAsync())
        {
            var term = await ctx.Terms.OrderByDescending(t => t.StartYear).FirstAsync();
            await DemoSuggestions.AddAsync(ctx, term, default);
        }

        await using var read = await db.Factory.CreateDbContextAsync();
        var all = await read.Suggestions.AsNoTracking().Include(s => s.Visits).Include(s => s.Replies).AsSplitQuery().ToListAsync();
        foreach (var year in all.Select(s => s.Year).Distinct())
        {
            var session = all.Where(s => s.Year == year).ToList();
            Assert.Equal(Enum.GetValues<SuggestionStatus>().Order(), session.Select(s => s.Status).Distinct().Order());
            var key = session.Where(s => s.IsKey).ToList();
            Assert.Equal(3, key.Count);
            Assert.All(key, s => Assert.True(s.SupervisorMemberId is not null && s.SupervisionPlan is not null && s.Visits.Count > 0));
            Assert.Contains(key, s => s.Status == SuggestionStatus.Handling);
            Assert.Equal(3, session.Count(s => s.Replies.Any(r => r.IsPublished)));
        }

        Assert.Equal(2, all.Select(s => s.Year).Distinct().Count());
        var linked = await read.CommitteeMembers.AsNoTracking().SingleAsync(m => m.UserName == TestCallers.CommitteeMember.UserName);
        Assert.Contains(all, s => s.SupervisorMemberId == linked.Id);
    }
}
