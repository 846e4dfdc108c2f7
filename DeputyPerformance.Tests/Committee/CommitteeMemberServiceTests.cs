using DeputyPerformance.Domain.Committee;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Committee;

public sealed class CommitteeMemberServiceTests(SeededDatabase fx) : IClassFixture<SeededDatabase>
{
    private CommitteeMemberService Service => fx.Get<CommitteeMemberService>();

    [Fact]
    public async Task ACommitteeMemberListsButCannotSave()
    {
        var page = await Service.ListAsync(TestCallers.CommitteeMember, new ListQuery(PageSize: 50));
        var input = await Service.GetForEditAsync(TestCallers.CommitteeMember, page.Items[0].Id);
        input.Name = "自己改名";

        Assert.True(page.TotalCount >= 35);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(TestCallers.CommitteeMember, input));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.DeleteAsync(TestCallers.CommitteeMember, page.Items[0].Id));
    }

    [Fact]
    public async Task DefaultOrderPutsTheChairmanFirst()
    {
        var page = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(PageSize: 5));

        Assert.Equal(CommitteePosition.Chairman, page.Items[0].Position);
    }

    [Fact]
    public async Task AnUnknownTermIsRefused()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Service.SaveAsync(TestCallers.CountyClerk, new CommitteeMemberInput { Name = "无届委员", TermId = 999_999 }));

        Assert.Equal("TermRequired", ex.Key);
    }

    [Fact]
    public async Task CountyStaffAddAnInactiveMember()
    {
        var id = await Service.SaveAsync(TestCallers.CountyClerk,
            new CommitteeMemberInput { Name = "离任委员", TermId = await fx.TermIdAsync(), Position = CommitteePosition.Member, IsActive = false });

        Assert.False((await Service.GetForEditAsync(TestCallers.CountyClerk, id)).IsActive);
    }
}
