using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties.Import;
using DeputyPerformance.Domain.Roster;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Common;

/// <summary>
/// Workbooks built to exhaust the reader: a tiny file declaring cell XFD1048576 (the reader would yield 17 billion
/// cells), a sheet declaring a million rows with two in it, and a 1 MB file with one 1 GiB cell. Both imports refuse
/// them before reading, within seconds and without growing the process by the size of the bomb.
/// </summary>
public sealed class XlsxBombTests : IAsyncLifetime
{
    private static readonly Lazy<byte[]> HugeCell = new(() => Workbook(SheetWithSharedString, sharedStringMegabytes: 1024));
    private TestDatabase _db = null!;
    private readonly List<string> _files = [];

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(seedDemo: true);

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        foreach (var f in _files) File.Delete(f);
    }

    private const string SheetWithSharedString = """<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>""";

    private static string DeclaringLastCell => """
        <dimension ref="A1:XFD1048576"/><sheetData>
        <row r="1"><c r="A1" t="inlineStr"><is><t>deputy_number</t></is></c></row>
        <row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>
        """;

    private static string SparseRows => """
        <dimension ref="A1:F1048576"/><sheetData>
        <row r="1"><c r="A1" t="inlineStr"><is><t>deputy_number</t></is></c></row>
        <row r="1048576"><c r="A1048576" t="inlineStr"><is><t>C001</t></is></c></row></sheetData>
        """;

    /// <summary>A minimal workbook with one sheet; its shared string is <paramref name="sharedStringMegabytes"/> MiB of one letter (1 GiB deflates to about 1 MB).</summary>
    private static byte[] Workbook(string sheetData, int sharedStringMegabytes = 0)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }

            Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
            Part("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
            Part("xl/worksheets/sheet1.xml", $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sheetData}</worksheet>""");
            using var strings = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.SmallestSize).Open();
            strings.Write("""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"""u8);
            if (sharedStringMegabytes > 0)
            {
                var letters = new byte[1 << 20];
                Array.Fill(letters, (byte)'a');
                for (var i = 0; i < sharedStringMegabytes; i++) strings.Write(letters);
            }
            else
            {
                strings.Write("deputy_number"u8);
            }

            strings.Write("</t></si></sst>"u8);
        }

        return buffer.ToArray();
    }

    private string Save(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dp-bomb-{Guid.NewGuid():N}.xlsx");
        File.WriteAllBytes(path, bytes);
        _files.Add(path);
        return path;
    }

    /// <summary>Runs the import, and tells how long it took and how much the managed heap grew at most meanwhile.</summary>
    private static async Task<(T Result, TimeSpan Elapsed, long PeakGrowth)> MeasureAsync<T>(Func<Task<T>> run)
    {
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var peak = before;
        using var sampler = new Timer(_ => peak = Math.Max(peak, GC.GetTotalMemory(false)), null, 0, 20);
        var watch = Stopwatch.StartNew();
        var result = await run();
        watch.Stop();
        return (result, watch.Elapsed, Math.Max(peak, GC.GetTotalMemory(false)) - before);
    }

    [Fact]
    public void TheBombsAreSmallFiles()
    {
        Assert.InRange(Workbook(DeclaringLastCell).Length, 500, 4 * 1024);
        Assert.InRange(HugeCell.Value.Length, 100 * 1024, 3 * 1024 * 1024);
    }

    [Fact]
    public async Task ADutyLogWorkbookDeclaringCellXfd1048576IsRefusedBeforeReading()
    {
        var file = Save(Workbook(DeclaringLastCell));

        var (result, elapsed, growth) = await MeasureAsync(() => _db.Get<DutyLogImportService>().PreviewFileAsync(TestCallers.CountyClerk, file));

        var error = Assert.Single(result.Errors);
        Assert.Contains("XFD", error.Message, StringComparison.Ordinal);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        Assert.InRange(growth, 0, 64L * 1024 * 1024);
    }

    [Fact]
    public async Task ADutyLogWorkbookWithAMillionDeclaredButTwoRealRowsIsRefusedAsSparse()
    {
        var file = Save(Workbook(SparseRows));

        var result = await _db.Get<DutyLogImportService>().ImportFileAsync(TestCallers.CountyClerk, file);

        Assert.False(result.Succeeded);
        Assert.Equal(DomainText.Format("Xlsx_Sparse", 1048576, 2), Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task ADutyLogWorkbookWithAOneGibibyteCellIsRefusedWithoutHoldingIt()
    {
        var file = Save(HugeCell.Value);

        var (result, elapsed, growth) = await MeasureAsync(() => _db.Get<DutyLogImportService>().ImportFileAsync(TestCallers.CountyClerk, file));

        // The part declares its unpacked size: refused on that, before a byte of it is inflated.
        Assert.False(result.Succeeded);
        Assert.Equal(DomainText.Format("Xlsx_TooLarge", DutyLogImportService.XlsxLimits.MaxUnpackedBytes / (1024 * 1024)), Assert.Single(result.Errors).Message);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.InRange(growth, 0, 64L * 1024 * 1024);
    }

    [Fact]
    public async Task ACellOverTheTextLimitIsRefusedWhileStreamingEvenWhenThePartsSizeIsSmall()
    {
        // 2 MiB in one cell: under the workbook's unpacked limit, over the cell limit of 64 K characters.
        var file = Save(Workbook(SheetWithSharedString, sharedStringMegabytes: 2));

        var result = await _db.Get<DutyLogImportService>().ImportFileAsync(TestCallers.CountyClerk, file);

        Assert.Equal(DomainText.Format("Xlsx_TextTooLong", LogFileReader.MaxFieldLength / 1024), Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task ARosterWorkbookDeclaringCellXfd1048576IsRefusedBeforeReading()
    {
        var (preview, elapsed, growth) = await MeasureAsync(() =>
            _db.Get<RosterImportService>().PreviewAsync(TestCallers.CountyClerk, new MemoryStream(Workbook(DeclaringLastCell)), "roster.xlsx"));

        Assert.Contains("XFD", preview.FileError, StringComparison.Ordinal);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        Assert.InRange(growth, 0, 64L * 1024 * 1024);
    }

    [Fact]
    public async Task ARosterWorkbookWithAOneGibibyteCellIsRefusedWithoutHoldingIt()
    {
        var (preview, elapsed, growth) = await MeasureAsync(() =>
            _db.Get<RosterImportService>().PreviewAsync(TestCallers.CountyClerk, new MemoryStream(HugeCell.Value), "roster.xlsx"));

        Assert.Equal(DomainText.Format("Xlsx_TooLarge", RosterReader.XlsxLimits.MaxUnpackedBytes / (1024 * 1024)), preview.FileError);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.InRange(growth, 0, 64L * 1024 * 1024);
    }

    [Theory]
    [InlineData("XFD1048576", 1048576, 16384)]
    [InlineData("A1", 1, 1)]
    [InlineData("AA10", 10, 27)]
    [InlineData("ZZZZZZZZZZZZ99999999999999", int.MaxValue, int.MaxValue)]
    public void CellReferencesAreReadWithoutOverflow(string reference, int row, int column) =>
        Assert.Equal((row, column), XlsxGuard.ParseReference(reference, 0));
}
