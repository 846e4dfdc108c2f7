using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Duties;

public sealed class DutyLogServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private List<int> _towns = null!;
    private DutyTestData.DeputyRef _deputyA = null!;
    private DutyTestData.DeputyRef _deputyB = null!;

    private DutyLogService Service => _db.Get<DutyLogService>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _towns = await DutyTestData.TownIdsAsync(_db);
        _deputyA = await DutyTestData.DeputyOfTownAsync(_db, _towns[0]);
        _deputyB = await DutyTestData.DeputyOfTownAsync(_db, _towns[1]);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task ClerkEntryIsApprovedAtOnce()
    {
        var id = await Service.RecordAsync(TestCallers.TownClerk(_towns[0]), DutyTestData.Input(_deputyA.Id));

        var detail = await Service.GetAsync(TestCallers.CountyClerk, id);
        Assert.Equal(DutyLogStatus.Approved, detail.Log.Status);
        Assert.Equal(DutyLogSource.Clerk, detail.Log.Source);
        Assert.Equal(3, detail.Log.Points);
    }

    [Fact]
    public async Task TownClerkCannotRecordForAnotherTownsDeputyAndNothingIsWritten()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.RecordAsync(TestCallers.TownClerk(_towns[0]), DutyTestData.Input(_deputyB.Id)));

        Assert.Equal(0, await DutyTestData.LogCountAsync(_db));
    }

    [Fact]
    public async Task DeputySubmitsOnlyForHimselfAndHisLogIsPending()
    {
        var deputy = TestCallers.Deputy(_deputyA.Id);

        var id = await Service.SubmitAsync(deputy, DutyTestData.Input(_deputyA.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SubmitAsync(deputy, DutyTestData.Input(_deputyB.Id)));

        var mine = await Service.ListAsync(deputy, new ListQuery(), new DutyLogFilter());
        var row = Assert.Single(mine.Items);
        Assert.Equal(id, row.Id);
        Assert.Equal(DutyLogStatus.Pending, row.Status);
    }

    [Fact]
    public async Task DeputyCannotApproveEvenHisOwnSubmission()
    {
        var deputy = TestCallers.Deputy(_deputyA.Id);
        var id = await Service.SubmitAsync(deputy, DutyTestData.Input(_deputyA.Id));

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ApproveAsync(deputy, id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.RejectAsync(deputy, id, "no"));

        Assert.Equal(DutyLogStatus.Pending, (await Service.GetAsync(deputy, id)).Log.Status);
    }

    [Fact]
    public async Task DeputyCannotRecordAsAClerkNorSeeOthersLogs()
    {
        var other = await Service.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputyB.Id));
        var deputy = TestCallers.Deputy(_deputyA.Id);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.RecordAsync(deputy, DutyTestData.Input(_deputyA.Id)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.GetAsync(deputy, other));
        Assert.Empty((await Service.ListAsync(deputy, new ListQuery(), new DutyLogFilter())).Items);
    }

    [Fact]
    public async Task ClerkOfTheTownApprovesAndTheReviewIsRecorded()
    {
        var id = await Service.SubmitAsync(TestCallers.Deputy(_deputyA.Id), DutyTestData.Input(_deputyA.Id));

        await Service.ApproveAsync(TestCallers.TownClerk(_towns[0]), id);

        var log = (await Service.GetAsync(TestCallers.CountyClerk, id)).Log;
        Assert.Equal(DutyLogStatus.Approved, log.Status);
        Assert.Equal("town.clerk", log.ReviewedBy);
        Assert.NotNull(log.ReviewedAtUtc);
    }

    [Fact]
    public async Task ClerkOfAnotherTownCannotReview()
    {
        var id = await Service.SubmitAsync(TestCallers.Deputy(_deputyA.Id), DutyTestData.Input(_deputyA.Id));

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ApproveAsync(TestCallers.TownClerk(_towns[1]), id));
    }

    [Fact]
    public async Task RejectionNeedsAReasonAndKeepsIt()
    {
        var clerk = TestCallers.TownClerk(_towns[0]);
        var id = await Service.SubmitAsync(TestCallers.Deputy(_deputyA.Id), DutyTestData.Input(_deputyA.Id));

        await Assert.ThrowsAsync<DomainException>(() => Service.RejectAsync(clerk, id, "  "));
        await Service.RejectAsync(clerk, id, "No evidence");

        var log = (await Service.GetAsync(TestCallers.Deputy(_deputyA.Id), id)).Log;
        Assert.Equal(DutyLogStatus.Rejected, log.Status);
        Assert.Equal("No evidence", log.RejectionReason);
    }

    [Fact]
    public async Task OnlyPendingLogsCanBeReviewed()
    {
        var clerk = TestCallers.TownClerk(_towns[0]);
        var approved = await Service.RecordAsync(clerk, DutyTestData.Input(_deputyA.Id));
        var rejected = await Service.SubmitAsync(TestCallers.Deputy(_deputyA.Id), DutyTestData.Input(_deputyA.Id));
        await Service.RejectAsync(clerk, rejected, "no");

        await Assert.ThrowsAsync<DomainException>(() => Service.ApproveAsync(clerk, approved));
        await Assert.ThrowsAsync<DomainException>(() => Service.ApproveAsync(clerk, rejected));
        await Assert.ThrowsAsync<DomainException>(() => Service.RejectAsync(clerk, approved, "late"));
    }

    [Fact]
    public async Task BatchApprovalIsAllOrNothingWhenOneLogIsOutOfScope()
    {
        var own1 = await Service.SubmitAsync(TestCallers.Deputy(_deputyA.Id), DutyTestData.Input(_deputyA.Id));
        var own2 = await Service.SubmitAsync(TestCallers.Deputy(_deputyA.Id), DutyTestData.Input(_deputyA.Id, DutyCategory.Reception));
        var foreign = await Service.SubmitAsync(TestCallers.Deputy(_deputyB.Id), DutyTestData.Input(_deputyB.Id));

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ApproveAsync(TestCallers.TownClerk(_towns[0]), [own1, own2, foreign]));

        await using var ctx = await _db.Factory.CreateDbContextAsync();
        Assert.All(await ctx.DutyLogs.ToListAsync(), l => Assert.Equal(DutyLogStatus.Pending, l.Status));
    }

    [Fact]
    public async Task BatchApprovalIsAllOrNothingWhenOneLogIsNotPending()
    {
        var clerk = TestCallers.TownClerk(_towns[0]);
        var pending = await Service.SubmitAsync(TestCallers.Deputy(_deputyA.Id), DutyTestData.Input(_deputyA.Id));
        var approved = await Service.RecordAsync(clerk, DutyTestData.Input(_deputyA.Id));

        await Assert.ThrowsAsync<DomainException>(() => Service.ApproveAsync(clerk, [pending, approved]));

        Assert.Equal(DutyLogStatus.Pending, (await Service.GetAsync(clerk, pending)).Log.Status);
    }

    [Fact]
    public async Task BatchRejectionReviewsEverySelectedLog()
    {
        var clerk = TestCallers.TownClerk(_towns[0]);
        var ids = new List<long>();
        for (var i = 0; i < 3; i++) ids.Add(await Service.SubmitAsync(TestCallers.Deputy(_deputyA.Id), DutyTestData.Input(_deputyA.Id)));

        await Service.RejectAsync(clerk, ids, "duplicate");

        var page = await Service.ListAsync(clerk, new ListQuery(), new DutyLogFilter(Status: DutyLogStatus.Rejected));
        Assert.Equal(3, page.TotalCount);
    }

    [Fact]
    public async Task TownClerkListsOnlyHisTownAndFiltersApplyInTheDatabase()
    {
        await Service.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputyA.Id, DutyCategory.Inspection, date: "2019-01-10"));
        await Service.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputyA.Id, DutyCategory.Reception, date: "2019-03-10"));
        await Service.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputyA.Id, DutyCategory.Reception, date: "2020-03-10"));
        await Service.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputyB.Id, DutyCategory.Reception, date: "2019-03-10"));
        var clerk = TestCallers.TownClerk(_towns[0]);

        var all = await Service.ListAsync(clerk, new ListQuery(), new DutyLogFilter());
        var receptions2019 = await Service.ListAsync(clerk, new ListQuery(), new DutyLogFilter(CategoryCode: DutyCategory.Reception, Year: 2019));
        var range = await Service.ListAsync(clerk, new ListQuery(), new DutyLogFilter(From: new DateOnly(2019, 2, 1), To: new DateOnly(2019, 12, 31)));
        var county = await Service.ListAsync(TestCallers.CommitteeMember, new ListQuery(SortBy: "Date", Descending: false), new DutyLogFilter());

        Assert.Equal(3, all.TotalCount);
        Assert.Equal(new DateOnly(2020, 3, 10), all.Items[0].Date);
        Assert.Single(receptions2019.Items);
        Assert.Single(range.Items);
        Assert.Equal(4, county.TotalCount);
        Assert.Equal(new DateOnly(2019, 1, 10), county.Items[0].Date);
        Assert.False(county.MoreThanCounted);
    }

    [Fact]
    public async Task ALogOutsideTheTermOrInTheFutureIsRefused()
    {
        var clerk = TestCallers.TownClerk(_towns[0]);

        await Assert.ThrowsAsync<DomainException>(() => Service.RecordAsync(clerk, DutyTestData.Input(_deputyA.Id, date: "2012-05-01")));
        await Assert.ThrowsAsync<DomainException>(() => Service.RecordAsync(clerk, DutyTestData.Input(_deputyA.Id, date: "2099-05-01")));
        await Assert.ThrowsAsync<InputValidationException>(() => Service.RecordAsync(clerk, DutyTestData.Input(_deputyA.Id, count: 0)));
        await Assert.ThrowsAsync<InputValidationException>(() => Service.RecordAsync(clerk, DutyTestData.Input(_deputyA.Id, category: "unknown")));
    }

    [Fact]
    public async Task DeputyMayWithdrawHisPendingSubmissionButNotAnApprovedLog()
    {
        var deputy = TestCallers.Deputy(_deputyA.Id);
        var pending = await Service.SubmitAsync(deputy, DutyTestData.Input(_deputyA.Id));
        var approved = await Service.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputyA.Id));

        await Service.DeleteAsync(deputy, pending);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.DeleteAsync(deputy, approved));

        Assert.Equal(1, await DutyTestData.LogCountAsync(_db));
    }

    [Fact]
    public async Task ApprovalIsAudited()
    {
        var id = await Service.SubmitAsync(TestCallers.Deputy(_deputyA.Id), DutyTestData.Input(_deputyA.Id));
        await Service.ApproveAsync(TestCallers.TownClerk(_towns[0]), id);

        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var entries = await ctx.AuditEntries.Where(a => a.EntityType == nameof(DutyLog) && a.EntityId == id.ToString()).ToListAsync();
        Assert.Contains(entries, e => e.Action == "Modified" && e.UserName == "town.clerk" && e.Changes.Contains("Status"));
    }

    [Theory]
    [InlineData("Date")]
    [InlineData("DeputyNumber")]
    [InlineData("DeputyName")]
    [InlineData("TownName")]
    [InlineData("CategoryCode")]
    [InlineData("Count")]
    [InlineData("Status")]
    [InlineData("SubmittedAtUtc")]
    public async Task EverySortColumnIsSortedInTheDatabase(string column)
    {
        // Three logs that differ in every sortable column (two deputies, two towns, three categories, counts, dates, statuses).
        await Service.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputyA.Id, DutyCategory.Inspection, date: "2019-01-10"));
        await Service.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputyB.Id, DutyCategory.Reception, count: 2, date: "2019-03-10"));
        await Service.SubmitAsync(TestCallers.Deputy(_deputyA.Id), DutyTestData.Input(_deputyA.Id, DutyCategory.Suggestion, count: 3, date: "2019-02-10"));
        Func<DutyLogRow, object?> key = column switch
        {
            "Date" => r => r.Date,
            "DeputyNumber" => r => r.DeputyNumber,
            "DeputyName" => r => r.DeputyName,
            "TownName" => r => r.TownName,
            "CategoryCode" => r => r.CategoryCode,
            "Count" => r => r.Count,
            "Status" => r => r.Status,
            _ => r => r.SubmittedAtUtc,
        };

        foreach (var descending in new[] { false, true })
        {
            var page = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(SortBy: column, Descending: descending), new DutyLogFilter());

            Assert.Equal(3, page.Items.Count);
            SortAssert.Ordered(page.Items, key, descending, r => r.Id, descending, $"{column} {(descending ? "descending" : "ascending")}");
        }
    }

    [Fact]
    public async Task AnUnknownSortColumnListsTheNewestFirst()
    {
        await Service.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputyA.Id, DutyCategory.Inspection, date: "2019-01-10"));
        await Service.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputyB.Id, DutyCategory.Reception, date: "2019-03-10"));
        await Service.RecordAsync(TestCallers.CountyClerk, DutyTestData.Input(_deputyB.Id, DutyCategory.Reception, date: "2019-02-10"));

        var page = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(SortBy: "NotAColumn"), new DutyLogFilter());

        Assert.Equal(["2019-03-10", "2019-02-10", "2019-01-10"], page.Items.Select(r => r.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task AboveTenThousandRowsThePagerCountsTenThousandAndSaysThereAreMore()
    {
        // 10,050 approved logs of one deputy, written in one statement.
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            await ctx.Database.ExecuteSqlAsync($"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10050)
                INSERT INTO "DutyLogs" ("DeputyId", "TownId", "Date", "Year", "CategoryCode", "Count", "Description", "Source", "Status", "SubmittedBy", "SubmittedAtUtc")
                SELECT {_deputyA.Id}, {_deputyA.TownId}, DATE '2019-06-01', 2019, 'inspection', 1, 'bulk', 'Clerk', 'Approved', 'test', TIMESTAMP '2020-01-01 00:00:00' FROM n
                """);
        }

        var last = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(Page: 199, PageSize: 50), new DutyLogFilter());
        var few = await Service.ListAsync(TestCallers.CountyClerk, new ListQuery(), new DutyLogFilter(DeputyId: _deputyB.Id));

        Assert.True(last.MoreThanCounted);
        Assert.Equal(DutyLogService.MaxCountedRows, last.TotalCount);
        // The last page the pager offers (rows 9,951-10,000) is full: the count never claims rows past the page.
        Assert.Equal(50, last.Items.Count);
        Assert.True(last.TotalCount >= 199 * 50 + last.Items.Count);
        Assert.False(few.MoreThanCounted);
        Assert.Equal(0, few.TotalCount);
    }

    [Fact]
    public async Task ADeputyFixesHisRejectedLogAndItIsPendingAgain()
    {
        var deputy = TestCallers.Deputy(_deputyA.Id);
        var id = await Service.SubmitAsync(deputy, DutyTestData.Input(_deputyA.Id, DutyCategory.Reception));
        await Service.RejectAsync(TestCallers.TownClerk(_towns[0]), id, "缺少佐证");

        var input = DutyTestData.Input(_deputyA.Id, DutyCategory.Reception);
        input.Description = "补充了接待记录";
        await Service.UpdateAsync(deputy, id, input);
        await Service.AddEvidenceAsync(deputy, id, new EvidenceUpload("接待.jpg", new MemoryStream(DutyTestData.Jpeg())));

        var detail = await Service.GetAsync(deputy, id);
        Assert.Equal(DutyLogStatus.Pending, detail.Log.Status);
        Assert.Null(detail.Log.RejectionReason);
        Assert.Equal("补充了接待记录", detail.Log.Description);
        Assert.Single(detail.Evidence);
    }

    [Fact]
    public async Task ADeputyWithdrawsHisRejectedLogButNeverChangesAnApprovedOne()
    {
        var deputy = TestCallers.Deputy(_deputyA.Id);
        var rejected = await Service.SubmitAsync(deputy, DutyTestData.Input(_deputyA.Id, DutyCategory.Reception));
        var approved = await Service.SubmitAsync(deputy, DutyTestData.Input(_deputyA.Id, DutyCategory.Inspection));
        await Service.RejectAsync(TestCallers.TownClerk(_towns[0]), rejected, "重复登记");
        await Service.ApproveAsync(TestCallers.TownClerk(_towns[0]), approved);

        await Service.DeleteAsync(deputy, rejected);

        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAsync(deputy, rejected));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.UpdateAsync(deputy, approved, DutyTestData.Input(_deputyA.Id)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.DeleteAsync(deputy, approved));
    }
}
