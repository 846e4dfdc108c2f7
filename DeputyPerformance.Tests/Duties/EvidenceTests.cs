using System.Security.Cryptography;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Duties;

public sealed class EvidenceStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"dp-evidence-{Guid.NewGuid():N}");
    private readonly FileSystemEvidenceStore _store;

    public EvidenceStoreTests() => _store = new FileSystemEvidenceStore(new EvidenceOptions { Folder = _folder, MaxBytes = 1024 });

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, null)]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E }, null)]
    [InlineData(new byte[] { 0xFF, 0xD8 }, null)]
    public void TypeIsRecognisedByMagicBytes(byte[] header, string? contentType) =>
        Assert.Equal(contentType, EvidenceSniffer.ContentTypeOf(header));

    [Fact]
    public async Task StoredFileKeepsItsBytesAndSha256UnderAGeneratedKey()
    {
        var bytes = DutyTestData.Jpeg(600);

        var stored = await _store.SaveAsync(new MemoryStream(bytes));

        Assert.Equal("image/jpeg", stored.ContentType);
        Assert.Equal(600, stored.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        Assert.Matches("^[0-9]{4}/[0-9]{2}/[0-9a-f]{32}\\.jpg$", stored.StorageKey);
        await using var read = await _store.OpenReadAsync(stored.StorageKey);
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task AFileOverTheLimitIsRefusedAndNothingIsLeft()
    {
        await Assert.ThrowsAsync<DomainException>(() => _store.SaveAsync(new MemoryStream(DutyTestData.Jpeg(1025))));

        Assert.Empty(Directory.Exists(_folder) ? Directory.GetFiles(_folder, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task AnExecutableNamedLikeAPictureIsRefused()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => _store.SaveAsync(new MemoryStream([0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0, 4])));

        Assert.Equal("Evidence_TypeNotAllowed", ex.Key);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("2024/01/../../../secret.pdf")]
    [InlineData("/etc/passwd")]
    [InlineData("2024/01/0123456789abcdef0123456789abcdef.exe")]
    public async Task KeysThatTheStoreDidNotGenerateAreRefused(string key) =>
        await Assert.ThrowsAsync<DomainException>(() => _store.OpenReadAsync(key));
}

public sealed class EvidenceServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(seedDemo: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task DeputySubmitsWithEvidenceAndTheClerkReadsItBackWithItsChecksum()
    {
        var towns = await DutyTestData.TownIdsAsync(_db);
        var deputy = await DutyTestData.DeputyOfTownAsync(_db, towns[0]);
        var service = _db.Get<DutyLogService>();
        var pdf = DutyTestData.Pdf();

        var id = await service.SubmitAsync(TestCallers.Deputy(deputy.Id), DutyTestData.Input(deputy.Id),
            [new EvidenceUpload("../../photos/report.pdf", new MemoryStream(pdf))]);

        var detail = await service.GetAsync(TestCallers.TownClerk(towns[0]), id);
        var file = Assert.Single(detail.Evidence);
        Assert.Equal("report.pdf", file.OriginalName);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), file.Sha256);
        var (_, content) = await service.OpenEvidenceAsync(TestCallers.TownClerk(towns[0]), file.Id);
        await using (content)
        {
            var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(pdf, copy.ToArray());
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.OpenEvidenceAsync(TestCallers.TownClerk(towns[1]), file.Id));
        await service.DeleteAsync(TestCallers.CountyClerk, id);
    }

    [Fact]
    public async Task ASubmissionWithABadFileWritesNothing()
    {
        var towns = await DutyTestData.TownIdsAsync(_db);
        var deputy = await DutyTestData.DeputyOfTownAsync(_db, towns[0]);

        await Assert.ThrowsAsync<DomainException>(() => _db.Get<DutyLogService>().SubmitAsync(TestCallers.Deputy(deputy.Id), DutyTestData.Input(deputy.Id),
            [new EvidenceUpload("a.pdf", new MemoryStream(DutyTestData.Pdf())), new EvidenceUpload("b.jpg", new MemoryStream("not an image"u8.ToArray()))]));

        Assert.Equal(0, await DutyTestData.LogCountAsync(_db));
    }
}
