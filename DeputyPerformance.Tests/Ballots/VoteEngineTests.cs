using System.Security.Cryptography;
using System.Text;
using DeputyPerformance.Domain.Ballots;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using DeputyPerformance.Domain.Reports;
using DeputyPerformance.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DeputyPerformance.Tests.Ballots;

/// <summary>The one vote engine: subjects and their owners, void votes held again, two people per decision, sealed ballots.</summary>
public sealed class VoteEngineTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _townId;
    private int _deputyId;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var deputy = await ctx.Deputies.OrderBy(d => d.Id).FirstAsync();
        (_deputyId, _townId) = (deputy.Id, deputy.TownId);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private VoteService Votes => _db.Get<VoteService>();
    private ReportService Reports => _db.Get<ReportService>();
    private Caller Clerk => TestCallers.TownClerk(_townId);
    private Caller SecondClerk => new("town.clerk2", Roles.TownClerk, TownId: _townId);

    private async Task<int> HeldReportAsync(int attendance = 60)
    {
        var id = await Reports.PlanAsync(Clerk, new ReportPlanInput { DeputyId = _deputyId, PlannedDate = new DateOnly(2019, 5, 10) });
        await Reports.RecordSessionAsync(Clerk, id, new ReportSessionInput { HeldOn = new DateOnly(2019, 5, 10), Attendance = attendance });
        return id;
    }

    private Task<int> NewReportVoteAsync(int reportId, VoteMode mode) => Votes.CreateAsync(Clerk, new VoteSubject(VoteKind.ConstituentReport, reportId), mode);

    private async Task ConfirmPaperAsync(int voteId, TallyCounts counts)
    {
        await Votes.EnterBoxAsync(Clerk, voteId, 1, "1", counts);
        await Votes.EnterBoxAsync(SecondClerk, voteId, 2, "1", counts);
        await Votes.ConfirmAsync(Clerk, voteId);
    }

    [Fact]
    public async Task AVoidReportVoteShowsNoRateInTheListNorABandInTheExportAndIsHeldAgain()
    {
        var reportId = await HeldReportAsync();
        var first = await NewReportVoteAsync(reportId, VoteMode.Paper);
        await ConfirmPaperAsync(first, TallyCounts.From(30, 31, 0, 26, 0, 5));

        var row = (await Reports.ListAsync(Clerk, 2019, new ListQuery(0, 50))).Items.Single(r => r.Id == reportId);
        Assert.True(row.VoteIsVoid);
        Assert.Null(row.Rate);
        Assert.Equal("Band_Void", row.BandKey);
        Assert.True(row.VoteCanBeHeld);
        var exported = await ExportedRowAsync(reportId);
        Assert.Equal(DomainText.Get("Band_Void"), exported[DomainText.Get("Export_Band")]?.ToString());
        Assert.Null(exported[DomainText.Get("Export_Rate")]);
        Assert.Empty(await ConsequencesAsync());

        var second = await NewReportVoteAsync(reportId, VoteMode.Paper);
        await ConfirmPaperAsync(second, TallyCounts.From(31, 31, 0, 26, 0, 5));

        row = (await Reports.ListAsync(Clerk, 2019, new ListQuery(0, 50))).Items.Single(r => r.Id == reportId);
        Assert.Equal((second, false, false), (row.VoteId!.Value, row.VoteIsVoid, row.VoteCanBeHeld));
        Assert.Equal(83.87m, Math.Round(row.Rate!.Value, 2));
        Assert.Equal(DomainText.Get("Band_Competent"), (await ExportedRowAsync(reportId))[DomainText.Get("Export_Band")]?.ToString());
        var history = (await Votes.GetAsync(Clerk, second)).History;
        Assert.Equal([(first, true), (second, false)], history.Select(h => (h.Id, h.IsVoid)));
    }

    [Fact]
    public async Task ANewVoteWaitsForThePendingOneAndNoneFollowsAValidResult()
    {
        var reportId = await HeldReportAsync();
        var first = await NewReportVoteAsync(reportId, VoteMode.Paper);

        Assert.Equal("Vote_Pending", (await Assert.ThrowsAsync<DomainException>(() => NewReportVoteAsync(reportId, VoteMode.Paper))).Key);
        await ConfirmPaperAsync(first, TallyCounts.From(60, 60, 0, 50, 5, 5));
        Assert.Equal("Report_HasVote", (await Assert.ThrowsAsync<DomainException>(() => NewReportVoteAsync(reportId, VoteMode.Electronic))).Key);
    }

    [Fact]
    public async Task AVoteIsHeldOnlyOnAReportWhoseSessionIsRecorded()
    {
        var planned = await Reports.PlanAsync(Clerk, new ReportPlanInput { DeputyId = _deputyId, PlannedDate = new DateOnly(2019, 6, 1) });

        Assert.Equal("Report_NotHeld", (await Assert.ThrowsAsync<DomainException>(() => NewReportVoteAsync(planned, VoteMode.Paper))).Key);
    }

    [Fact]
    public async Task ASingleEntryIsRefusedByDefaultAndWithTheSwitchOffNeedsTheClerksConsent()
    {
        var voteId = await NewReportVoteAsync(await HeldReportAsync(), VoteMode.Paper);
        await Votes.EnterBoxAsync(Clerk, voteId, 1, "1", TallyCounts.From(60, 60, 0, 50, 5, 5));

        var detail = await Votes.GetAsync(Clerk, voteId);
        Assert.True(detail.SingleEntryOnly && detail.SecondEntryRequired);
        Assert.Equal("Vote_SecondEntryRequired", (await Assert.ThrowsAsync<DomainException>(() => Votes.ConfirmAsync(Clerk, voteId))).Key);

        await _db.Get<SatisfactionRuleService>().SaveAsync(TestCallers.Admin, new SatisfactionRulesInput { Year = 2019, RequireSecondEntry = false });
        Assert.Equal("Vote_SingleEntryNotAccepted", (await Assert.ThrowsAsync<DomainException>(() => Votes.ConfirmAsync(Clerk, voteId))).Key);
        var outcome = await Votes.ConfirmAsync(Clerk, voteId, acceptSingleEntry: true);
        Assert.Equal(ReportBand.Competent, outcome.Band);
    }

    [Fact]
    public async Task APaperCountWhoseEntriesDisagreeShowsNoTally()
    {
        var voteId = await NewReportVoteAsync(await HeldReportAsync(), VoteMode.Paper);
        await Votes.EnterBoxAsync(Clerk, voteId, 1, "1", TallyCounts.From(60, 60, 0, 50, 5, 5));
        Assert.NotNull((await Votes.GetAsync(Clerk, voteId)).Result);

        await Votes.EnterBoxAsync(SecondClerk, voteId, 2, "1", TallyCounts.From(60, 60, 0, 49, 6, 5));

        Assert.Null((await Votes.GetAsync(Clerk, voteId)).Result);
    }

    [Fact]
    public async Task CodesAreIssuedOnlyBeforeOpeningUpToTheAttendanceAndEveryGenerationIsAudited()
    {
        var voteId = await NewReportVoteAsync(await HeldReportAsync(attendance: 55), VoteMode.Electronic);
        await Votes.GenerateTokensAsync(Clerk, voteId, 50);

        Assert.Equal("Vote_CodesOverElectorate", (await Assert.ThrowsAsync<DomainException>(() => Votes.GenerateTokensAsync(Clerk, voteId, 6))).Key);
        await Votes.GenerateTokensAsync(Clerk, voteId, 5);
        await Votes.OpenAsync(Clerk, voteId);
        Assert.Equal("Vote_IllegalTransition", (await Assert.ThrowsAsync<DomainException>(() => Votes.GenerateTokensAsync(Clerk, voteId, 1))).Key);

        await using var ctx = await _db.Factory.CreateDbContextAsync();
        Assert.Equal([50, 5], await ctx.VoteCodeBatches.Where(b => b.VoteId == voteId).OrderBy(b => b.Id).Select(b => b.Count).ToListAsync());
        Assert.Equal(2, await ctx.AuditEntries.CountAsync(a => a.EntityType == nameof(VoteCodeBatch) && a.UserName == Clerk.UserName));
        Assert.Equal(55, await ctx.VoteTokens.CountAsync(t => t.VoteId == voteId));
    }

    [Fact]
    public async Task OneClerkAloneCannotDecideAnElectronicVote()
    {
        var voteId = await NewReportVoteAsync(await HeldReportAsync(), VoteMode.Electronic);
        var codes = await Votes.GenerateTokensAsync(Clerk, voteId, 3);
        await Votes.OpenAsync(Clerk, voteId);
        foreach (var code in codes) await _db.Get<BallotService>().CastAsync(code, SatisfactionOption.Dissatisfied);
        await Votes.CloseAsync(Clerk, voteId);

        Assert.Equal("Vote_ConfirmBySecondPerson", (await Assert.ThrowsAsync<DomainException>(() => Votes.ConfirmAsync(Clerk, voteId))).Key);
        var outcome = await Votes.ConfirmAsync(SecondClerk, voteId);
        Assert.Equal((3, ReportBand.NotCompetent), (outcome.Counts.Dissatisfied, outcome.Band!.Value));
    }

    [Fact]
    public async Task TheVoterIsToldWhetherHisCodeWasUsedOrTheVoteIsNotOpenOrEnded()
    {
        var voteId = await NewReportVoteAsync(await HeldReportAsync(), VoteMode.Electronic);
        var codes = await Votes.GenerateTokensAsync(Clerk, voteId, 2);
        var ballots = _db.Get<BallotService>();

        Assert.Equal(CastResult.NotYetOpen, (await ballots.PaperAsync(codes[0]))!.Refusal);
        await Votes.OpenAsync(Clerk, voteId);
        Assert.True((await ballots.PaperAsync(codes[0]))!.Open);
        await ballots.CastAsync(codes[0], SatisfactionOption.Satisfied);
        Assert.Equal(CastResult.AlreadyVoted, (await ballots.PaperAsync(codes[0]))!.Refusal);
        await Votes.CloseAsync(Clerk, voteId);
        Assert.Equal(CastResult.VotingClosed, (await ballots.PaperAsync(codes[1]))!.Refusal);
        Assert.Equal(CastResult.VotingClosed, await ballots.CastAsync(codes[1], SatisfactionOption.Satisfied));
    }

    /// <summary>
    /// A forensic reader of the files: while the vote is open the main file and the WAL hold neither the codes nor their
    /// unkeyed hashes, and every ballot is an opaque sealed blob (two equal options look different); after closing the
    /// WAL is empty and no sealed ballot is left anywhere in the files, free pages included.
    /// </summary>
    [Fact]
    public async Task NoFileOfTheDatabaseTiesABallotToACodeDuringOrAfterTheVote()
    {
        var voteId = await NewReportVoteAsync(await HeldReportAsync(), VoteMode.Electronic);
        var codes = await Votes.GenerateTokensAsync(Clerk, voteId, 12);
        await Votes.OpenAsync(Clerk, voteId);
        var ballots = _db.Get<BallotService>();
        for (var i = 0; i < codes.Count; i++)
        {
            Assert.Equal(CastResult.Recorded, await ballots.CastAsync(codes[i], i % 3 == 0 ? SatisfactionOption.Dissatisfied : SatisfactionOption.Satisfied));
        }

        var during = FilesOfTheDatabase();
        Assert.True(during.Wal.Length > 0, "the casts should be in the WAL");
        foreach (var code in codes)
        {
            Assert.False(Contains(during.All, Encoding.ASCII.GetBytes(code)), "a code is stored in clear");
            var unkeyed = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("dp-vote-token:" + code)));
            Assert.False(Contains(during.All, Encoding.ASCII.GetBytes(unkeyed)), "a code's unkeyed hash is stored");
            Assert.False(Contains(during.All, Encoding.ASCII.GetBytes(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code))))), "a plain hash is stored");
        }

        var sealedBallots = await ReadBlobsAsync($"SELECT Sealed FROM ElectronicBallots WHERE VoteId = {voteId}");
        Assert.Equal(12, sealedBallots.Count);
        Assert.Equal(12, sealedBallots.Select(Convert.ToHexString).Distinct().Count());
        Assert.All(sealedBallots, b => Assert.Equal(29, b.Length));
        Assert.All(sealedBallots, b => Assert.True(Contains(during.All, b)));

        await Votes.CloseAsync(Clerk, voteId);

        var after = FilesOfTheDatabase();
        Assert.Empty(after.Wal);
        foreach (var b in sealedBallots)
        {
            Assert.False(Contains(after.All, b[12..]), "a sealed ballot survived the close");
        }

        var outcome = await Votes.ConfirmAsync(SecondClerk, voteId);
        Assert.Equal((8, 4), (outcome.Counts.Satisfied, outcome.Counts.Dissatisfied));
    }

    [Fact]
    public async Task ACommitteeVoteRecordsMembersAndPresentAndIsRefusedWithoutAQuorum()
    {
        var owner = new FakeCommitteeOwner(31);
        var engine = new VoteService(_db.Factory, [owner], [], _db.Get<IBallotSecret>(), TimeProvider.System, NullLogger<VoteService>.Instance);
        var voteId = await engine.CreateAsync(TestCallers.CountyClerk, new VoteSubject(VoteKind.DepartmentEvaluation, 5), VoteMode.Paper);
        var counts = TallyCounts.From(16, 16, 0, 8, 4, 4);
        await engine.EnterBoxAsync(TestCallers.CountyClerk, voteId, 1, "1", counts);
        await engine.EnterBoxAsync(TestCallers.Admin, voteId, 2, "1", counts);

        Assert.Equal(31, (await engine.GetAsync(TestCallers.CountyClerk, voteId)).Members);
        Assert.Equal("Vote_PresentRequired", (await Assert.ThrowsAsync<DomainException>(() => engine.ConfirmAsync(TestCallers.CountyClerk, voteId))).Key);
        Assert.Equal("Ballot_NoQuorum", (await Assert.ThrowsAsync<DomainException>(() => engine.ConfirmAsync(TestCallers.CountyClerk, voteId, present: 15))).Key);
        var outcome = await engine.ConfirmAsync(TestCallers.CountyClerk, voteId, present: 16);

        Assert.Equal(DepartmentGrade.Dissatisfied, outcome.Grade);
        Assert.Equal([(5, DepartmentGrade.Dissatisfied, false)], owner.Confirmed);
        var detail = await engine.GetAsync(TestCallers.CountyClerk, voteId);
        Assert.Equal((31, 16), (detail.Members!.Value, detail.Present!.Value));
        Assert.Equal(DepartmentGrade.Dissatisfied, detail.Result!.Grade);
    }

    [Fact]
    public async Task AVoidDepartmentVoteIsHeldAgainAndItsOwnerHearsOfBoth()
    {
        var owner = new FakeCommitteeOwner(31);
        var engine = new VoteService(_db.Factory, [owner], [], _db.Get<IBallotSecret>(), TimeProvider.System, NullLogger<VoteService>.Instance);
        var subject = new VoteSubject(VoteKind.DepartmentEvaluation, 9);
        var first = await engine.CreateAsync(TestCallers.CountyClerk, subject, VoteMode.Paper);
        var tooMany = TallyCounts.From(25, 26, 0, 20, 6, 0);
        await engine.EnterBoxAsync(TestCallers.CountyClerk, first, 1, "1", tooMany);
        await engine.EnterBoxAsync(TestCallers.Admin, first, 2, "1", tooMany);
        var voided = await engine.ConfirmAsync(TestCallers.CountyClerk, first, present: 25);
        Assert.True(voided.IsVoid);

        var second = await engine.CreateAsync(TestCallers.CountyClerk, subject, VoteMode.Paper);
        var counts = TallyCounts.From(26, 26, 0, 20, 6, 0);
        await engine.EnterBoxAsync(TestCallers.CountyClerk, second, 1, "1", counts);
        await engine.EnterBoxAsync(TestCallers.Admin, second, 2, "1", counts);
        await engine.ConfirmAsync(TestCallers.CountyClerk, second, present: 26);

        Assert.Equal([(9, null, true), (9, DepartmentGrade.Satisfied, false)], owner.Confirmed);
        Assert.Equal([true, false], (await engine.GetAsync(TestCallers.CountyClerk, second)).History.Select(h => h.IsVoid));
    }

    private async Task<IReadOnlyList<string>> ConsequencesAsync()
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var flags = await ctx.ExitFlags.Select(f => "flag").ToListAsync();
        return [.. flags, .. await ctx.RectificationPlans.Select(p => "plan").ToListAsync()];
    }

    private async Task<IDictionary<string, object?>> ExportedRowAsync(int reportId)
    {
        var deputyNumber = (await Reports.ListAsync(Clerk, 2019, new ListQuery(0, 50))).Items.Single(r => r.Id == reportId).DeputyNumber;
        using var stream = new MemoryStream(await Reports.ExportAsync(Clerk, 2019));
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        return rows.Single(r => r[DomainText.Get("Export_DeputyNumber")]?.ToString() == deputyNumber);
    }

    private (byte[] Main, byte[] Wal, byte[] All) FilesOfTheDatabase()
    {
        var path = new SqliteConnectionStringBuilder(_db.ConnectionString).DataSource;
        byte[] Read(string p)
        {
            if (!File.Exists(p)) return [];
            using var f = new FileStream(p, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var m = new MemoryStream();
            f.CopyTo(m);
            return m.ToArray();
        }

        var main = Read(path);
        var wal = Read(path + "-wal");
        return (main, wal, [.. main, .. wal]);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private async Task<List<byte[]>> ReadBlobsAsync(string sql)
    {
        await using var connection = new SqliteConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var list = new List<byte[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add((byte[])reader[0]);
        return list;
    }

    /// <summary>An owner of department evaluations for the engine's tests: any subject may be voted on again after a void vote.</summary>
    private sealed class FakeCommitteeOwner(int members) : IVoteSubjectOwner
    {
        public List<(int Subject, DepartmentGrade? Grade, bool Void)> Confirmed { get; } = [];

        public VoteKind Kind => VoteKind.DepartmentEvaluation;

        public Task<VoteSubjectInfo> PrepareVoteAsync(DeputyDbContext db, Caller caller, int subjectId, CancellationToken ct) =>
            Task.FromResult(new VoteSubjectInfo(2020, "evaluation " + subjectId, null, members));

        public Task OnVoteCreatedAsync(DeputyDbContext db, SatisfactionVote vote, CancellationToken ct) => Task.CompletedTask;

        public Task<int?> MembersAsync(DeputyDbContext db, SatisfactionVote vote, CancellationToken ct) => Task.FromResult<int?>(members);

        public Task OnVoteConfirmedAsync(DeputyDbContext db, VoteConfirmed confirmed, CancellationToken ct)
        {
            Confirmed.Add((confirmed.Subject.Id, confirmed.Outcome.Grade, confirmed.Outcome.IsVoid));
            return Task.CompletedTask;
        }
    }
}
