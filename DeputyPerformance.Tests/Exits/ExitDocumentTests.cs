using System.IO.Compression;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Exits;
using DeputyPerformance.Tests.Duties;
using DeputyPerformance.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Tests.Exits;

/// <summary>Documents of a case's steps: stored in the evidence store, refused over the limit or of another type, downloaded in scope.</summary>
public sealed class ExitDocumentTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private Deputy _deputy = null!;
    private int _caseId;

    private ExitCaseService Cases => _db.Get<ExitCaseService>();
    private Caller Me => TestCallers.Deputy(_deputy.Id);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        _deputy = await ctx.Deputies.AsNoTracking().OrderBy(d => d.Id).FirstAsync(d => d.Level == DeputyLevel.Town && d.Status == DeputyStatus.Active);
        _caseId = await Cases.OpenByHandAsync(TestCallers.CountyClerk, _deputy.Id, ExitGround.MovedAway, "moved");
        await Cases.ActAsync(TestCallers.CountyClerk, _caseId, new ExitActionInput { Action = ExitCaseAction.StartReview });
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>A minimal Word file: the parts the store looks for inside the zip.</summary>
    internal static byte[] Docx()
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in new[] { "[Content_Types].xml", "word/document.xml" })
            {
                using var writer = new StreamWriter(zip.CreateEntry(part).Open());
                writer.Write("<x/>");
            }
        }

        return buffer.ToArray();
    }

    private Task DefendAsync(params ExitUpload[] files) =>
        Cases.ActAsync(Me, _caseId, new ExitActionInput { Action = ExitCaseAction.FileDefence, Note = "I still live here" }, files);

    private async Task<int> DocumentRowsAsync()
    {
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        return await ctx.ExitCaseDocuments.CountAsync();
    }

    [Fact]
    public async Task TheDefenceCarriesAPdfAndAWordFileShownOnItsStepAndDownloadedByTheDeputyAndHisTownsClerk()
    {
        await DefendAsync(new ExitUpload("租房合同.pdf", new MemoryStream(DutyTestData.Pdf())), new ExitUpload("说明.docx", new MemoryStream(Docx())));

        var view = await Cases.GetAsync(TestCallers.CountyClerk, _caseId);
        var files = view.Steps.Single(s => s.Action == ExitCaseAction.FileDefence).Files;
        Assert.Equal(["租房合同.pdf", "说明.docx"], files.Select(f => f.OriginalName));
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", files[1].ContentType);
        var (info, content) = await Cases.OpenDocumentAsync(TestCallers.TownClerk(_deputy.TownId), files[0].Id);
        await using (content)
        {
            var bytes = new MemoryStream();
            await content.CopyToAsync(bytes);
            Assert.Equal(DutyTestData.Pdf(), bytes.ToArray());
        }

        Assert.Equal("租房合同.pdf", info.OriginalName);
        (_, content) = await Cases.OpenDocumentAsync(Me, files[1].Id);
        await content.DisposeAsync();
    }

    [Fact]
    public async Task ADocumentOutOfScopeIsRefusedToAnotherTownsClerkAndAnotherDeputy()
    {
        await DefendAsync(new ExitUpload("lease.pdf", new MemoryStream(DutyTestData.Pdf())));
        var id = (await Cases.GetAsync(Me, _caseId)).Steps.SelectMany(s => s.Files).Single().Id;
        await using var ctx = await _db.Factory.CreateDbContextAsync();
        var other = await ctx.Deputies.AsNoTracking().FirstAsync(d => d.TownId != _deputy.TownId);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Cases.OpenDocumentAsync(TestCallers.TownClerk(other.TownId), id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Cases.OpenDocumentAsync(TestCallers.Deputy(other.Id), id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Cases.OpenDocumentAsync(new Caller("h", Roles.DepartmentHandler, DepartmentId: 1), id));
    }

    [Fact]
    public async Task AFileOverTheLimitIsRefusedInTheUsersLanguageAndNothingOfTheStepIsKept()
    {
        var tooLarge = new byte[new EvidenceOptions().MaxBytes + 1];
        DutyTestData.Pdf().CopyTo(tooLarge, 0);

        using (new CultureScope("zh-CN"))
        {
            var ex = await Assert.ThrowsAsync<DomainException>(() => DefendAsync(new ExitUpload("big.pdf", new MemoryStream(tooLarge))));
            Assert.Equal(("Evidence_TooLarge", "单个文件不能超过 10 MB。"), (ex.Key, ex.Message));
        }

        Assert.Equal(0, await DocumentRowsAsync());
        Assert.Null((await Cases.GetAsync(Me, _caseId)).DefenceText);
    }

    [Fact]
    public async Task AFileOfAnotherTypeIsRefusedWithTheAcceptedTypesInTheUsersLanguage()
    {
        using (new CultureScope("en"))
        {
            var ex = await Assert.ThrowsAsync<DomainException>(() => DefendAsync(new ExitUpload("run.docx", new MemoryStream("MZ\x90\0 not a document"u8.ToArray()))));
            Assert.Equal("Evidence_DocumentTypeNotAllowed", ex.Key);
            Assert.Contains("Word", ex.Message);
        }

        using (new CultureScope("zh-CN"))
        {
            var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true)) archive.CreateEntry("payload.exe");
            var ex = await Assert.ThrowsAsync<DomainException>(() => DefendAsync(new ExitUpload("x.docx", new MemoryStream(zip.ToArray()))));
            Assert.Contains("Word", ex.Message);
            Assert.Contains("只接受", ex.Message);
        }

        Assert.Equal(0, await DocumentRowsAsync());
    }

    [Fact]
    public async Task AClerksStepCarriesItsDocumentToo()
    {
        await Cases.ActAsync(TestCallers.CountyClerk, _caseId, new ExitActionInput { Action = ExitCaseAction.HoldWarningTalk, Note = "talked" },
            [new ExitUpload("约谈记录.pdf", new MemoryStream(DutyTestData.Pdf()))]);

        var step = (await Cases.GetAsync(Me, _caseId)).Steps.Single(s => s.Action == ExitCaseAction.HoldWarningTalk);
        Assert.Equal("约谈记录.pdf", Assert.Single(step.Files).OriginalName);
    }
}
