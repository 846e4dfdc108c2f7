using System.Text;
using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Committee;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Suggestions;
using DeputyPerformance.Tests.Security;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeputyPerformance.Tests.Suggestions;

/// <summary>
/// Key suggestions (the supervising vice-chairman, plan, visits, the satisfaction vote through the one vote engine), the
/// public list of published replies and the suggestion's files, on a real database with the demo county.
/// </summary>
public sealed class KeySuggestionTests : IAsyncLifetime
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4 a suggestion's attachment");
    private readonly ManualClock _clock = new() { Now = new DateTimeOffset(2020, 3, 20, 8, 0, 0, TimeSpan.Zero) };
    private TestDatabase _db = null!;
    private SuggestionService _service = null!;
    private int _deputy;
    private int _roads;
    private int _water;
    private int _health;
    private CommitteeMember _supervisor = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _service = new SuggestionService(_db.Factory, _db.Get<SuggestionInputValidator>(), _db.Get<ReplyInputValidator>(), [], _clock,
            NullLogger<SuggestionService>.Instance, NullLogger<SuggestionVoteOwner>.Instance, _db.Get<IEvidenceStore>(), _db.Get<EvidenceOptions>());
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        _deputy = await ctx.Deputies.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
        var departments = await ctx.GovernmentDepartments.OrderBy(d => d.Id).Select(d => d.Id).Take(3).ToListAsync();
        (_roads, _water, _health) = (departments[0], departments[1], departments[2]);
        // The demo committee account is linked to this vice-chairman (the demo seeder).
        _supervisor = await ctx.CommitteeMembers.AsNoTracking().SingleAsync(m => m.UserName == TestCallers.CommitteeMember.UserName);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Caller Deputy => TestCallers.Deputy(_deputy);

    private static Caller Handler(int departmentId) => new($"handler{departmentId}", Roles.DepartmentHandler, DepartmentId: departmentId);

    /// <summary>A suggestion accepted and assigned to the roads office (the water office co-handles), optionally replied.</summary>
    private async Task<int> HandledAsync(bool replied)
    {
        var id = await _service.SubmitAsync(Deputy, new SuggestionInput { DeputyId = _deputy, Title = "Repair the market bridge", Content = "It is unsafe." });
        await _service.AcceptAsync(TestCallers.CountyClerk, id);
        await _service.AssignAsync(TestCallers.CountyClerk, id, _roads, [_water]);
        if (replied)
        {
            await _service.ReplyAsync(Handler(_roads), id, new ReplyInput { Category = ReplyCategory.B, Text = "Repairs start in May.", ContactMethod = "visit" });
        }

        return id;
    }

    private async Task<int> KeyAsync(bool replied)
    {
        var id = await HandledAsync(replied);
        await _service.MakeKeyAsync(TestCallers.CountyClerk, id, _supervisor.Id);
        await _service.PlanSupervisionAsync(TestCallers.CountyClerk, id, new SupervisionPlanInput
        {
            Plan = "Visit the site, meet the bureau, vote in November.", Start = new DateTime(2020, 4, 1), End = new DateTime(2020, 11, 30),
        });
        return id;
    }

    [Fact]
    public async Task OnlyAViceChairmanInOfficeSupervisesAKeySuggestion()
    {
        var id = await HandledAsync(replied: false);
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var plainMember = await ctx.CommitteeMembers.AsNoTracking().FirstAsync(m => m.Position == CommitteePosition.Member);

        var refused = await Assert.ThrowsAsync<DomainException>(() => _service.MakeKeyAsync(TestCallers.CountyClerk, id, plainMember.Id));
        Assert.Equal("Suggestion_SupervisorUnknown", refused.Key);
        Assert.DoesNotContain(plainMember.Id, (await _service.SupervisorOptionsAsync()).Select(o => o.Id));
        await _service.MakeKeyAsync(TestCallers.CountyClerk, id, _supervisor.Id);
        Assert.Equal(_supervisor.Id, (await _service.GetAsync(TestCallers.CountyClerk, id)).Key!.SupervisorMemberId);
    }

    [Fact]
    public async Task TheSupervisingViceChairmanKeepsHisPlanAndLogAndSeesHisKeySuggestionsAnotherMemberCannot()
    {
        var id = await KeyAsync(replied: false);
        var other = new Caller("other.member", Roles.CommitteeMember);

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.LogVisitAsync(other, id, new VisitInput { On = new DateTime(2020, 3, 19), Participants = "x" }));
        Assert.DoesNotContain(SuggestionAction.LogVisit, (await _service.GetAsync(other, id)).Offered);
        Assert.Contains(SuggestionAction.LogVisit, (await _service.GetAsync(TestCallers.CommitteeMember, id)).Offered);
        await _service.LogVisitAsync(TestCallers.CommitteeMember, id, new VisitInput
        {
            On = new DateTime(2020, 3, 19), Kind = VisitKind.Meeting, Participants = "Vice-chairman, the bureau's head", Notes = "A timetable agreed.",
        });
        var refused = await Assert.ThrowsAsync<DomainException>(() => _service.LogVisitAsync(TestCallers.CommitteeMember, id, new VisitInput { On = new DateTime(2020, 4, 1), Participants = "x" }));
        Assert.Equal("Suggestion_DateInFuture", refused.Key);

        var visit = Assert.Single((await _service.GetAsync(TestCallers.CountyClerk, id)).Key!.Visits);
        Assert.Equal((VisitKind.Meeting, TestCallers.CommitteeMember.UserName), (visit.Kind, visit.RecordedBy));
        var mine = await _service.ListAsync(TestCallers.CommitteeMember, new SuggestionFilter(2020, SupervisedByMe: true), new ListQuery());
        Assert.Equal(id, Assert.Single(mine.Items).Id);
        Assert.Equal(0, (await _service.ListAsync(other, new SuggestionFilter(2020, SupervisedByMe: true), new ListQuery())).TotalCount);
    }

    [Fact]
    public async Task TheKeyVoteRunsThroughTheVoteEngineAndItsConfirmedResultIsRecordedOnTheSuggestionOnce()
    {
        var votes = _db.Get<VoteService>();
        var notYet = await KeyAsync(replied: false);
        Assert.Equal("Suggestion_IllegalTransition",
            (await Assert.ThrowsAsync<DomainException>(() => votes.CreateAsync(TestCallers.CountyClerk, new VoteSubject(VoteKind.KeySuggestion, notYet), VoteMode.Paper))).Key);
        var id = await KeyAsync(replied: true);

        var voteId = await votes.CreateAsync(TestCallers.CountyClerk, new VoteSubject(VoteKind.KeySuggestion, id), VoteMode.Paper);
        Assert.True((await _service.GetAsync(TestCallers.CountyClerk, id)).Key!.VotePending);
        await Assert.ThrowsAsync<DomainException>(() => votes.CreateAsync(TestCallers.CountyClerk, new VoteSubject(VoteKind.KeySuggestion, id), VoteMode.Paper));
        var counts = TallyCounts.From(30, 30, 0, 24, 4, 2);
        await votes.EnterBoxAsync(TestCallers.CountyClerk, voteId, 1, "1", counts);
        await votes.EnterBoxAsync(TestCallers.Admin, voteId, 2, "1", counts);
        var outcome = await votes.ConfirmAsync(TestCallers.CountyClerk, voteId, present: 30);

        var key = (await _service.GetAsync(TestCallers.CountyClerk, id)).Key!;
        Assert.Equal((voteId, outcome.Grade, 93.3333m, false), (key.VoteId!.Value, key.Grade, key.SatisfactionRate, key.VotePending));
        Assert.NotNull(key.ConcludedOn);
        Assert.DoesNotContain(SuggestionAction.HoldKeyVote, (await _service.GetAsync(TestCallers.CountyClerk, id)).Offered);

        // The same confirmation handed to the owner a second time is refused: the result is recorded once.
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var owner = new KeySuggestionVoteOwner(_clock, NullLogger<KeySuggestionVoteOwner>.Instance);
        await Assert.ThrowsAsync<DomainException>(() =>
            owner.OnVoteConfirmedAsync(ctx, new VoteConfirmed(voteId, new VoteSubject(VoteKind.KeySuggestion, id), 2020, outcome, false, DateTime.UtcNow), default));
    }

    [Fact]
    public async Task TheDeputiesConcernedAreTheElectorateWhenThePlanSaysSo()
    {
        var id = await HandledAsync(replied: true);
        await _service.MakeKeyAsync(TestCallers.CountyClerk, id, _supervisor.Id);
        await _service.PlanSupervisionAsync(TestCallers.CountyClerk, id, new SupervisionPlanInput
        {
            Plan = "The deputies judge.", Start = new DateTime(2020, 4, 1), End = new DateTime(2020, 11, 30), VoteBody = KeyVoteBody.Deputies,
        });
        var votes = _db.Get<VoteService>();

        var voteId = await votes.CreateAsync(TestCallers.CountyClerk, new VoteSubject(VoteKind.KeySuggestion, id), VoteMode.Electronic);

        await using var ctx = await _db.Factory.CreateDbContextAsync();
        Assert.Equal(1, (await ctx.SatisfactionVotes.AsNoTracking().SingleAsync(v => v.Id == voteId)).Electorate);
    }

    [Fact]
    public async Task ThePublicListShowsOnlyPublishedRepliesToEverySignedInUserPagedAndSearched()
    {
        var published = await HandledAsync(replied: true);
        var hidden = await HandledAsync(replied: true);
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.PublishReplyAsync(Handler(_roads), published, true));
        await _service.PublishReplyAsync(TestCallers.CountyClerk, published, true);

        var list = await _service.PublishedRepliesAsync(Handler(_health), new ListQuery());
        var row = Assert.Single(list.Items);
        Assert.Equal((published, "Repairs start in May.", ReplyCategory.B), (row.SuggestionId, row.ReplyText, row.Category));
        Assert.DoesNotContain(list.Items, r => r.SuggestionId == hidden);
        Assert.Equal(1, (await _service.PublishedRepliesAsync(Deputy, new ListQuery(Search: "May"))).TotalCount);
        Assert.Equal(0, (await _service.PublishedRepliesAsync(Deputy, new ListQuery(Search: "no such words"))).TotalCount);
        Assert.Empty((await _service.PublishedRepliesAsync(Deputy, new ListQuery(Page: 1, PageSize: 10))).Items);
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.PublishedRepliesAsync(new Caller("anonymous", ""), new ListQuery()));

        await _service.PublishReplyAsync(TestCallers.CountyClerk, published, false);
        Assert.Equal(0, (await _service.PublishedRepliesAsync(Deputy, new ListQuery())).TotalCount);
    }

    [Fact]
    public async Task TheDeputyAttachesAtSubmissionTheLeadDepartmentAddsItsReplyDocumentAndAnotherDepartmentCannotDownloadThem()
    {
        var id = await _service.SubmitAsync(Deputy, new SuggestionInput { DeputyId = _deputy, Title = "Repair the bridge", Content = "Unsafe." });
        var attachment = await _service.AddAttachmentAsync(Deputy, id, AttachmentKind.Submission, "photo of the bridge.pdf", new MemoryStream(Pdf));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.AddAttachmentAsync(Handler(_roads), id, AttachmentKind.ReplyDocument, "r.pdf", new MemoryStream(Pdf)));
        await _service.AcceptAsync(TestCallers.CountyClerk, id);
        await Assert.ThrowsAsync<DomainException>(() => _service.AddAttachmentAsync(Deputy, id, AttachmentKind.Submission, "late.pdf", new MemoryStream(Pdf)));
        await _service.AssignAsync(TestCallers.CountyClerk, id, _roads, [_water]);
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.AddAttachmentAsync(Handler(_water), id, AttachmentKind.ReplyDocument, "r.pdf", new MemoryStream(Pdf)));
        var document = await _service.AddAttachmentAsync(Handler(_roads), id, AttachmentKind.ReplyDocument, "答复函.pdf", new MemoryStream(Pdf));

        var (info, content) = await _service.OpenAttachmentAsync(Handler(_roads), attachment);
        await using (content)
        {
            Assert.Equal(("photo of the bridge.pdf", "application/pdf"), (info.OriginalName, info.ContentType));
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.OpenAttachmentAsync(Handler(_health), attachment));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.OpenAttachmentAsync(Handler(_health), document));
        // The co-handler reads the deputy's attachment but not the lead department's reply document.
        (await _service.OpenAttachmentAsync(Handler(_water), attachment)).Content.Dispose();
        await Assert.ThrowsAsync<AccessDeniedException>(() => _service.OpenAttachmentAsync(Handler(_water), document));
        var detail = await _service.GetAsync(Deputy, id);
        Assert.Equal([AttachmentKind.Submission, AttachmentKind.ReplyDocument], detail.Attachments.Select(a => a.Kind));
        Assert.Empty(detail.CanAttach);
    }

    [Fact]
    public async Task AnAttachmentOfAnotherTypeOrTooLargeIsRefusedInTheUsersLanguageAndLeavesNothingBehind()
    {
        using var scope = new CultureScope("zh-CN");
        var id = await _service.SubmitAsync(Deputy, new SuggestionInput { DeputyId = _deputy, Title = "Repair the bridge", Content = "Unsafe." });
        var options = _db.Get<EvidenceOptions>();
        var filesBefore = Directory.Exists(options.Folder) ? Directory.GetFiles(options.Folder, "*", SearchOption.AllDirectories).Length : 0;

        var wrongType = await Assert.ThrowsAsync<DomainException>(() =>
            _service.AddAttachmentAsync(Deputy, id, AttachmentKind.Submission, "run.exe", new MemoryStream("MZ not a pdf"u8.ToArray())));
        var big = new byte[options.MaxBytes + 1];
        Pdf.CopyTo(big, 0);
        var tooLarge = await Assert.ThrowsAsync<DomainException>(() => _service.AddAttachmentAsync(Deputy, id, AttachmentKind.Submission, "big.pdf", new MemoryStream(big)));

        Assert.Equal(("Evidence_TypeNotAllowed", "Evidence_TooLarge"), (wrongType.Key, tooLarge.Key));
        Assert.Equal(DomainText.Get("Evidence_TypeNotAllowed", new System.Globalization.CultureInfo("zh-CN")), wrongType.Message);
        Assert.Empty((await _service.GetAsync(Deputy, id)).Attachments);
        var filesAfter = Directory.Exists(options.Folder) ? Directory.GetFiles(options.Folder, "*", SearchOption.AllDirectories).Length : 0;
        Assert.Equal(filesBefore, filesAfter);
    }

    [Fact]
    public async Task AnImportedKeySuggestionIsLinkedToTheViceChairmanItNamesSoHeSeesIt()
    {
        await using (var ctx = await _db.Factory.CreateDbContextAsync())
        {
            var number = await ctx.Deputies.Where(d => d.Id == _deputy).Select(d => d.DeputyNumber).FirstAsync();
            var csv = string.Join(",", SuggestionSheet.ContractColumns) + "\n"
                      + $"7,2020,{number},Repair the bridge,Unsafe,,,,,,,,yes,{_supervisor.Name}\n"
                      + $"8,2020,{number},Mend the road,Holes,,,,,,,,yes,Somebody Else\n";
            var result = await _db.Get<SuggestionImportService>().ImportAsync(Caller.System, "key.csv", new MemoryStream(Encoding.UTF8.GetBytes(csv)));
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        }

        var mine = await _service.ListAsync(TestCallers.CommitteeMember, new SuggestionFilter(2020, SupervisedByMe: true), new ListQuery());
        Assert.Equal(7, Assert.Single(mine.Items).Number);
        Assert.Equal(2, (await _service.ListAsync(TestCallers.CountyClerk, new SuggestionFilter(2020, KeyOnly: true), new ListQuery())).TotalCount);
    }

    [Fact]
    public async Task AtMostTheConfiguredNumberOfFilesOfAKind()
    {
        var id = await _service.SubmitAsync(Deputy, new SuggestionInput { DeputyId = _deputy, Title = "Repair the bridge", Content = "Unsafe." });
        var max = _db.Get<EvidenceOptions>().MaxFilesPerLog;
        for (var i = 0; i < max; i++)
        {
            await _service.AddAttachmentAsync(Deputy, id, AttachmentKind.Submission, $"p{i}.pdf", new MemoryStream(Pdf));
        }

        var refused = await Assert.ThrowsAsync<DomainException>(() => _service.AddAttachmentAsync(Deputy, id, AttachmentKind.Submission, "one more.pdf", new MemoryStream(Pdf)));
        Assert.Equal("Suggestion_TooManyFiles", refused.Key);
    }
}
