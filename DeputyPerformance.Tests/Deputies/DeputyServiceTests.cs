using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Seeding;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Deputies;

/// <summary>Deputy use cases on the demo county: role and town scope, consistency rules, paging and sorting.</summary>
public sealed class DeputyServiceTests(SeededDatabase fx) : IClassFixture<SeededDatabase>
{
    private DeputyService Service => fx.Get<DeputyService>();

    [Fact]
    public async Task TownClerkListsOnlyDeputiesOfHisTown()
    {
        var (town, _) = await fx.TownsAsync();

        var page = await Service.ListAsync(TestCallers.TownClerk(town), new ListQuery(PageSize: 200), new DeputyFilter());

        // Other tests of the class may add deputies to the town, never fewer than the seeded ones.
        Assert.True(page.TotalCount >= DemoCountySeeder.DeputiesPerTown);
        Assert.Equal(page.TotalCount, page.Items.Count);
        Assert.All(page.Items, d => Assert.Equal(town, d.TownId));
    }

    [Fact]
    public async Task TownClerkFilteringByAnotherTownStillSeesOnlyHisOwn()
    {
        var (town, other) = await fx.TownsAsync();

        var page = await Service.ListAsync(TestCallers.TownClerk(town), new ListQuery(PageSize: 200), new DeputyFilter(TownId: other));

        Assert.Equal(0, page.TotalCount);
    }

    [Fact]
    public async Task CountyStaffAndCommitteeMembersListTheWholeCounty()
    {
        foreach (var caller in new[] { TestCallers.Admin, TestCallers.CountyClerk, TestCallers.CommitteeMember })
        {
            var page = await Service.ListAsync(caller, new ListQuery(PageSize: 10), new DeputyFilter(Status: DeputyStatus.Active, Level: DeputyLevel.County));

            Assert.True(page.TotalCount >= 20 * DemoCountySeeder.CountyDeputiesPerTown - 5, $"{caller.Role}: {page.TotalCount}");
            Assert.Equal(10, page.Items.Count);
        }
    }

    [Fact]
    public async Task TownClerkReadsADeputyOfHisTown()
    {
        var (town, _) = await fx.TownsAsync();
        var deputy = await fx.DeputyOfTownAsync(town);

        var input = await Service.GetForEditAsync(TestCallers.TownClerk(town), deputy.Id);

        Assert.Equal(deputy.DeputyNumber, input.DeputyNumber);
    }

    [Fact]
    public async Task TownClerkCannotReadADeputyOfAnotherTown()
    {
        var (town, other) = await fx.TownsAsync();
        var deputy = await fx.DeputyOfTownAsync(other);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetForEditAsync(TestCallers.TownClerk(town), deputy.Id));
    }

    [Fact]
    public async Task TownClerkCannotCreateDeputyOfAnotherTownAndNothingIsWritten()
    {
        var (town, other) = await fx.TownsAsync();
        var before = await fx.CountAsync<Deputy>();
        var input = new DeputyInput { TermId = await fx.TermIdAsync(), DeputyNumber = "X001", Name = "外镇代表", TownId = other };

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(TestCallers.TownClerk(town), input));

        Assert.Equal(before, await fx.CountAsync<Deputy>());
    }

    [Fact]
    public async Task TownClerkCannotSaveADeputyOfAnotherTown()
    {
        var (town, other) = await fx.TownsAsync();
        var foreign = await fx.DeputyOfTownAsync(other);
        var input = await Service.GetForEditAsync(TestCallers.CountyClerk, foreign.Id);
        input.Name = "改名";

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(TestCallers.TownClerk(town), input));

        Assert.Equal(foreign.Name, (await Service.GetForEditAsync(TestCallers.CountyClerk, foreign.Id)).Name);
    }

    [Fact]
    public async Task TownClerkCannotTakeOverADeputyOfAnotherTownByClaimingHisOwnTown()
    {
        // A crafted request: the id of a foreign deputy with the clerk's own town in the form.
        var (town, other) = await fx.TownsAsync();
        var foreign = await fx.DeputyOfTownAsync(other);
        var input = await Service.GetForEditAsync(TestCallers.CountyClerk, foreign.Id);
        input.TownId = town;
        input.ElectoralDistrictId = null;
        input.LiaisonStationId = null;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(TestCallers.TownClerk(town), input));

        Assert.Equal(other, (await Service.GetForEditAsync(TestCallers.CountyClerk, foreign.Id)).TownId);
    }

    [Fact]
    public async Task TownClerkCannotMoveHisDeputyToAnotherTown()
    {
        var (town, other) = await fx.TownsAsync();
        var own = await fx.DeputyOfTownAsync(town);
        var input = await Service.GetForEditAsync(TestCallers.TownClerk(town), own.Id);
        input.TownId = other;
        input.ElectoralDistrictId = null;
        input.LiaisonStationId = null;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(TestCallers.TownClerk(town), input));

        Assert.Equal(town, (await Service.GetForEditAsync(TestCallers.CountyClerk, own.Id)).TownId);
    }

    [Fact]
    public async Task TownClerkSavesADeputyOfHisTown()
    {
        var (town, _) = await fx.TownsAsync();
        var input = new DeputyInput
        {
            TermId = await fx.TermIdAsync(), DeputyNumber = "TC-NEW-1", Name = "本镇新代表", TownId = town,
            ElectoralDistrictId = await fx.DistrictOfTownAsync(town), LiaisonStationId = await fx.StationOfTownAsync(town),
        };

        var id = await Service.SaveAsync(TestCallers.TownClerk(town), input);

        var saved = await Service.GetForEditAsync(TestCallers.TownClerk(town), id);
        Assert.Equal("本镇新代表", saved.Name);
        Assert.Equal(DeputyStatus.Active, saved.Status);
    }

    [Fact]
    public async Task ADuplicateNumberInTheTermIsRefusedWithAMessageNamingTheNumber()
    {
        const string number = "C001";
        var (town, _) = await fx.TownsAsync();
        var before = await fx.CountAsync<Deputy>();
        var input = new DeputyInput { TermId = await fx.TermIdAsync(), DeputyNumber = number, Name = "重号", TownId = town };

        var ex = await Assert.ThrowsAsync<DomainException>(() => Service.SaveAsync(TestCallers.CountyClerk, input));

        Assert.Equal("Deputy_DuplicateNumber", ex.Key);
        Assert.Contains("C001", ex.Message);
        Assert.Equal(before, await fx.CountAsync<Deputy>());
    }

    [Fact]
    public async Task TheSameNumberIsAllowedInAnotherTerm()
    {
        var (town, _) = await fx.TownsAsync();
        var termId = await fx.Get<TermService>().SaveAsync(TestCallers.CountyClerk, new TermInput { Name = "2021-2026", StartYear = 2021, EndYear = 2026 });

        var id = await Service.SaveAsync(TestCallers.CountyClerk, new DeputyInput { TermId = termId, DeputyNumber = "C001", Name = "新一届", TownId = town });

        Assert.True(id > 0);
    }

    [Fact]
    public async Task ADistrictOfAnotherTownIsRefused()
    {
        var (town, other) = await fx.TownsAsync();
        var input = new DeputyInput
        {
            TermId = await fx.TermIdAsync(), DeputyNumber = "D-X-1", Name = "选区错", TownId = town,
            ElectoralDistrictId = await fx.DistrictOfTownAsync(other),
        };

        var ex = await Assert.ThrowsAsync<DomainException>(() => Service.SaveAsync(TestCallers.CountyClerk, input));

        Assert.Equal("Deputy_DistrictNotInTown", ex.Key);
    }

    [Fact]
    public async Task AStationOfAnotherTownIsRefused()
    {
        var (town, other) = await fx.TownsAsync();
        var input = new DeputyInput
        {
            TermId = await fx.TermIdAsync(), DeputyNumber = "S-X-1", Name = "联络站错", TownId = town,
            LiaisonStationId = await fx.StationOfTownAsync(other),
        };

        var ex = await Assert.ThrowsAsync<DomainException>(() => Service.SaveAsync(TestCallers.CountyClerk, input));

        Assert.Equal("Deputy_StationNotInTown", ex.Key);
    }

    [Fact]
    public async Task AnUnknownTermIsRefused()
    {
        var (town, _) = await fx.TownsAsync();
        var input = new DeputyInput { TermId = 999_999, DeputyNumber = "T-X-1", Name = "无届", TownId = town };

        var ex = await Assert.ThrowsAsync<DomainException>(() => Service.SaveAsync(TestCallers.CountyClerk, input));

        Assert.Equal("TermRequired", ex.Key);
    }

    [Fact]
    public async Task InvalidInputIsRefusedBeforeAnythingIsWritten()
    {
        var (town, _) = await fx.TownsAsync();
        var before = await fx.CountAsync<Deputy>();

        var ex = await Assert.ThrowsAsync<InputValidationException>(() =>
            Service.SaveAsync(TestCallers.CountyClerk, new DeputyInput { TermId = 1, DeputyNumber = "bad number", Name = "", TownId = town }));

        Assert.Contains(DomainText.Get("Deputy_NumberFormat"), ex.Errors);
        Assert.Contains(DomainText.Get("NameRequired"), ex.Errors);
        Assert.Equal(before, await fx.CountAsync<Deputy>());
    }

    [Fact]
    public async Task TheTermOfADeputyCannotChange()
    {
        var (town, _) = await fx.TownsAsync();
        var own = await fx.DeputyOfTownAsync(town);
        var otherTerm = await fx.Get<TermService>().SaveAsync(TestCallers.CountyClerk, new TermInput { Name = "2011-2016", StartYear = 2011, EndYear = 2016 });
        var input = await Service.GetForEditAsync(TestCallers.CountyClerk, own.Id);
        input.TermId = otherTerm;

        var ex = await Assert.ThrowsAsync<DomainException>(() => Service.SaveAsync(TestCallers.CountyClerk, input));

        Assert.Equal("Deputy_TermIsFixed", ex.Key);
    }

    [Fact]
    public async Task ADeputyReadsOnlyHisOwnRecord()
    {
        var (town, other) = await fx.TownsAsync();
        var me = await fx.DeputyOfTownAsync(town);
        var someoneElse = await fx.DeputyOfTownAsync(other);
        var caller = TestCallers.Deputy(me.Id);

        var record = await Service.GetOwnRecordAsync(caller);
        var form = await Service.GetForEditAsync(caller, me.Id);

        Assert.Equal(me.Id, record.Id);
        Assert.Equal(me.DeputyNumber, form.DeputyNumber);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetForEditAsync(caller, someoneElse.Id));
    }

    [Fact]
    public async Task ADeputyCannotListNorSave()
    {
        var (town, _) = await fx.TownsAsync();
        var me = await fx.DeputyOfTownAsync(town);
        var caller = TestCallers.Deputy(me.Id);
        var input = await Service.GetForEditAsync(caller, me.Id);
        input.Phone = "110";

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ListAsync(caller, new ListQuery(), new DeputyFilter()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(caller, input));
    }

    [Fact]
    public async Task OnlyADeputyHasAnOwnRecord()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetOwnRecordAsync(TestCallers.CountyClerk));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetOwnRecordAsync(new Caller("deputy", Roles.Deputy)));
    }

    [Fact]
    public async Task ACommitteeMemberCanListButNotSaveNorDelete()
    {
        var (town, _) = await fx.TownsAsync();
        var deputy = await fx.DeputyOfTownAsync(town);
        var input = await Service.GetForEditAsync(TestCallers.CommitteeMember, deputy.Id);
        input.Name = "委员改名";

        var page = await Service.ListAsync(TestCallers.CommitteeMember, new ListQuery(), new DeputyFilter());

        Assert.True(page.TotalCount > 0);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SaveAsync(TestCallers.CommitteeMember, input));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.DeleteAsync(TestCallers.CommitteeMember, deputy.Id));
    }

    [Fact]
    public async Task ATownClerkCannotChangeAStatusThroughTheForm()
    {
        var (town, _) = await fx.TownsAsync();
        var own = await fx.DeputyOfTownAsync(town);
        var input = await Service.GetForEditAsync(TestCallers.TownClerk(town), own.Id);
        input.Status = DeputyStatus.Suspended;
        input.StatusSince = new DateOnly(2026, 3, 1);

        var ex = await Assert.ThrowsAsync<DomainException>(() => Service.SaveAsync(TestCallers.TownClerk(town), input));

        Assert.Equal("Deputy_StatusOnlyThroughCase", ex.Key);

        Assert.Equal(DeputyStatus.Active, (await Service.GetForEditAsync(TestCallers.CountyClerk, own.Id)).Status);
    }

    [Fact]
    public async Task ATownClerkCannotDeleteADeputy()
    {
        var (town, _) = await fx.TownsAsync();
        var own = await fx.DeputyOfTownAsync(town);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.DeleteAsync(TestCallers.TownClerk(town), own.Id));
    }

    [Fact]
    public async Task AMandateEndedByAnExitCaseStaysEndedAndTheFormCannotRestoreIt()
    {
        var (_, other) = await fx.TownsAsync();
        var id = await Service.SaveAsync(TestCallers.CountyClerk,
            new DeputyInput { TermId = await fx.TermIdAsync(), DeputyNumber = "END-1", Name = "终止", TownId = other });
        var cases = fx.Get<Domain.Exits.ExitCaseService>();
        var caseId = await cases.OpenByHandAsync(TestCallers.CountyClerk, id, Domain.Exits.ExitGround.LostNationality, "naturalised abroad");
        await cases.ActAsync(TestCallers.CountyClerk, caseId, new Domain.Exits.ExitActionInput
        {
            Action = Domain.Exits.ExitCaseAction.Terminate, Date = new DateOnly(2026, 4, 1), Note = "announced",
        });

        var back = await Service.GetForEditAsync(TestCallers.CountyClerk, id);
        back.Status = DeputyStatus.Active;
        back.StatusSince = null;
        var ex = await Assert.ThrowsAsync<DomainException>(() => Service.SaveAsync(TestCallers.CountyClerk, back));

        Assert.Equal("Deputy_StatusOnlyThroughCase", ex.Key);
        var stored = await Service.GetForEditAsync(TestCallers.CountyClerk, id);
        Assert.Equal(DeputyStatus.Terminated, stored.Status);
        Assert.Equal(new DateOnly(2026, 4, 1), stored.StatusSince);
    }

    [Fact]
    public async Task ListSortsByNameDescendingAndPagesInTheDatabase()
    {
        var all = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(PageSize: ListQuery.MaxPageSize, SortBy: "Name", Descending: true), new DeputyFilter());
        var second = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(Page: 1, PageSize: 10, SortBy: "Name", Descending: true), new DeputyFilter());

        Assert.Equal(all.TotalCount, second.TotalCount);
        Assert.Equal(10, second.Items.Count);
        var names = all.Items.Select(d => d.Name).ToList();
        Assert.Equal(names.OrderByDescending(n => n, StringComparer.Ordinal), names);
        Assert.Equal(names.Skip(10).Take(10), second.Items.Select(d => d.Name));
    }

    [Theory]
    [InlineData("NoSuchColumn")]
    [InlineData("Phone")]
    [InlineData("Name; DROP TABLE Deputies")]
    [InlineData("")]
    public async Task AnUnknownSortColumnFallsBackToTheDeputyNumber(string sortBy)
    {
        var page = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(PageSize: 50, SortBy: sortBy), new DeputyFilter());

        var numbers = page.Items.Select(d => d.DeputyNumber).ToList();
        Assert.Equal(50, numbers.Count);
        Assert.Equal(numbers.Order(StringComparer.Ordinal), numbers);
    }

    [Fact]
    public async Task PageSizeAndPageAreClampedToSafeValues()
    {
        var huge = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(Page: -3, PageSize: 100_000), new DeputyFilter());
        var zero = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(PageSize: 0), new DeputyFilter());

        Assert.Equal(ListQuery.MaxPageSize, huge.Items.Count);
        Assert.Single(zero.Items);
    }

    [Fact]
    public async Task SearchFindsByNumberOrName()
    {
        var (town, _) = await fx.TownsAsync();
        var deputy = await fx.DeputyOfTownAsync(town);

        var byNumber = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(Search: $" {deputy.DeputyNumber} "), new DeputyFilter());
        var byName = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(Search: deputy.Name), new DeputyFilter());
        var none = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(Search: "没有这个人"), new DeputyFilter());

        Assert.Contains(byNumber.Items, d => d.Id == deputy.Id);
        Assert.Contains(byName.Items, d => d.Id == deputy.Id);
        Assert.Equal(0, none.TotalCount);
        Assert.Empty(none.Items);
    }
}
