using System.Globalization;
using System.IO.Compression;
using System.Text;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Roster;
using DeputyPerformance.Tests.Support;
using MiniExcelLibs;

namespace DeputyPerformance.Tests.Roster;

public sealed class RosterReaderTests
{
    private const string Header = "term,deputy_number,name,level,town,electoral_district,delegation,station,gender,is_leader";
    private const string Row = "2016-2021,C900,王小明,county,兴田街道,兴田街道第1选区,兴田街道代表团,兴田街道人大代表中心联络站,男,否";

    static RosterReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static Task<RosterFile> ReadAsync(byte[] bytes, string name = "roster.csv") => RosterReader.ReadAsync(new MemoryStream(bytes), name);

    [Fact]
    public async Task ReadsUtf8WithoutBom()
    {
        var file = await ReadAsync(Encoding.UTF8.GetBytes($"{Header}\n{Row}\n"));

        var row = Assert.Single(file.Rows);
        Assert.Equal("王小明", row[RosterFormat.Name]);
        Assert.Equal(2, row.RowNumber);
    }

    [Fact]
    public async Task ReadsUtf8WithBom()
    {
        var file = await ReadAsync([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes($"{Header}\r\n{Row}\r\n")]);

        Assert.Equal("2016-2021", Assert.Single(file.Rows)[RosterFormat.Term]);
    }

    [Fact]
    public async Task ReadsGb18030AsChineseExcelSavesIt()
    {
        var file = await ReadAsync(Encoding.GetEncoding("GB18030").GetBytes($"{Header}\r\n{Row}\r\n"));

        Assert.Equal("兴田街道", Assert.Single(file.Rows)[RosterFormat.Town]);
    }

    [Fact]
    public async Task AcceptsChineseHeadersInAnyOrderAndWarnsAboutExtraColumns()
    {
        var csv = "姓名,备注,代表编号,届,镇街,层级\n李四,新当选,T0101,2016-2021,新圩镇,镇\n";

        var file = await ReadAsync(Encoding.UTF8.GetBytes(csv));

        var row = Assert.Single(file.Rows);
        Assert.Equal("T0101", row[RosterFormat.DeputyNumber]);
        Assert.Equal("李四", row[RosterFormat.Name]);
        Assert.Contains(file.Warnings, w => w.Contains("备注"));
    }

    [Fact]
    public async Task KeepsQuotesAndNewlinesInsideFields()
    {
        var csv = $"{Header}\n2016-2021,C901,\"王\"\"大\"\"\nA\",county,兴田街道,,,,,\n";

        var file = await ReadAsync(Encoding.UTF8.GetBytes(csv));

        Assert.Equal("王\"大\"\nA", Assert.Single(file.Rows)[RosterFormat.Name]);
    }

    [Fact]
    public async Task ReadsTheFirstSheetOfAnXlsx()
    {
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(new[] { new Dictionary<string, object> { ["term"] = "2016-2021", ["deputy_number"] = "C902", ["name"] = "赵六", ["level"] = "town", ["town"] = "水口镇" } });

        var file = await ReadAsync(stream.ToArray(), "roster.xlsx");

        Assert.Equal("赵六", Assert.Single(file.Rows)[RosterFormat.Name]);
    }

    [Theory]
    [InlineData("name,level\n张三,county\n", "Roster_MissingColumns")]
    [InlineData("", "Roster_Empty")]
    [InlineData("term,deputy_number,name,level,town\n", "Roster_NoRows")]
    public async Task RefusesFilesThatAreNoRoster(string content, string key)
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => ReadAsync(Encoding.UTF8.GetBytes(content)));

        Assert.Equal(key, ex.Key);
    }

    [Fact]
    public async Task RefusesGarbageBytesAsAMalformedFile()
    {
        var garbage = new byte[2048];
        new Random(1).NextBytes(garbage);
        garbage[10] = 0;

        var ex = await Assert.ThrowsAsync<DomainException>(() => ReadAsync(garbage));

        Assert.Equal("Roster_Malformed", ex.Key);
    }

    [Fact]
    public async Task RefusesAFakeXlsx()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => ReadAsync(Encoding.UTF8.GetBytes("not a workbook"), "roster.xlsx"));

        Assert.Equal("Roster_Malformed", ex.Key);
    }

    [Fact]
    public async Task RefusesOtherFileTypes()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => ReadAsync(Encoding.UTF8.GetBytes(Header), "roster.docx"));

        Assert.Equal("Roster_WrongType", ex.Key);
    }

    [Fact]
    public async Task NumbersRowsAsExcelShowsThemCountingBlankLines()
    {
        var csv = $"{Header}\n\n2016-2021,A1,甲,town,水口镇,,,,,\n2016-2021,A2,\"乙\n丙\",town,水口镇,,,,,\n\n2016-2021,A3,丁,town,水口镇,,,,,\n\n";

        var file = await ReadAsync(Encoding.UTF8.GetBytes(csv));

        Assert.Equal([3, 4, 6], file.Rows.Select(r => r.RowNumber));
    }

    [Fact]
    public async Task SkipsATitleRowAboveTheHeaderWithAWarning()
    {
        var csv = $"兴宁市第十六届人大代表名册,,,,\n{Header}\n{Row}\n";

        var file = await ReadAsync(Encoding.UTF8.GetBytes(csv));

        var row = Assert.Single(file.Rows);
        Assert.Equal(3, row.RowNumber);
        Assert.Equal("C900", row[RosterFormat.DeputyNumber]);
        Assert.Single(file.Warnings);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    public async Task ReadsSemicolonAndTabSeparatedFiles(char separator)
    {
        var file = await ReadAsync(Encoding.UTF8.GetBytes($"{Header.Replace(',', separator)}\n{Row.Replace(',', separator)}\n"));

        Assert.Equal("王小明", Assert.Single(file.Rows)[RosterFormat.Name]);
    }

    [Fact]
    public async Task ReadsAnXlsxWithChineseHeadersNumbersAndBlankRows()
    {
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(new[]
        {
            new Dictionary<string, object?> { ["姓名"] = "赵六", ["届"] = "2016-2021", ["代表编号"] = 1001, ["层级"] = "镇", ["镇街"] = "水口镇", ["是否领导干部"] = true },
            new Dictionary<string, object?> { ["姓名"] = null, ["届"] = null, ["代表编号"] = null, ["层级"] = null, ["镇街"] = null, ["是否领导干部"] = null },
            new Dictionary<string, object?> { ["姓名"] = "钱七", ["届"] = "2016-2021", ["代表编号"] = "T02", ["层级"] = "镇", ["镇街"] = "水口镇", ["是否领导干部"] = false },
        });

        var file = await ReadAsync(stream.ToArray(), "名册.xlsx");

        Assert.Equal([2, 4], file.Rows.Select(r => r.RowNumber));
        Assert.Equal("1001", file.Rows[0][RosterFormat.DeputyNumber]);
        Assert.Equal(true, RosterFormat.YesNoOf(file.Rows[0][RosterFormat.IsLeader]));
        Assert.Equal("钱七", file.Rows[1][RosterFormat.Name]);
    }

    [Fact]
    public async Task ReadsAWorkbookSavedUnderACsvName()
    {
        var file = await ReadAsync(RosterTemplate.Xlsx(chineseHeaders: false), "roster.csv");

        Assert.Single(file.Rows);
    }

    [Fact]
    public async Task RefusesAnUnclosedQuoteNamingItsRow()
    {
        using var culture = new CultureScope("en");
        var csv = $"{Header}\n{Row}\n2016-2021,C901,\"王大,county,兴田街道,,,,,\n2016-2021,C902,李四,county,兴田街道,,,,,\n";

        var ex = await Assert.ThrowsAsync<DomainException>(() => ReadAsync(Encoding.UTF8.GetBytes(csv)));

        Assert.Equal("Roster_UnclosedQuote", ex.Key);
        Assert.Contains("row 3", ex.Message);
    }

    [Fact]
    public async Task RefusesTextWithoutAHeaderRow()
    {
        var noise = new byte[4096];
        new Random(3).NextBytes(noise);
        // Printable text (random bytes are no text: they are refused as an unknown encoding, see the encoding tests).
        for (var i = 0; i < noise.Length; i++) noise[i] = (byte)(0x20 + noise[i] % 0x5F);

        var ex = await Assert.ThrowsAsync<DomainException>(() => ReadAsync(noise));

        Assert.Equal("Roster_NoHeader", ex.Key);
    }

    [Fact]
    public async Task RefusesAColumnGivenTwice()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => ReadAsync(Encoding.UTF8.GetBytes($"{Header},姓名\n{Row},王\n")));

        Assert.Equal("Roster_DuplicateColumn", ex.Key);
    }

    [Theory]
    [InlineData("roster.xls", false)]
    [InlineData("roster.xlsx", true)]
    public async Task RefusesExcel97WorkbooksWithAHint(string name, bool oleContent)
    {
        byte[] content = oleContent ? [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0] : Encoding.UTF8.GetBytes("whatever");

        var ex = await Assert.ThrowsAsync<DomainException>(() => ReadAsync(content, name));

        Assert.Equal("Roster_OldExcel", ex.Key);
    }

    [Fact]
    public async Task RefusesAZipThatIsNoWorkbookAndATruncatedWorkbook()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = new StreamWriter(archive.CreateEntry("readme.txt").Open());
            await entry.WriteAsync("not a workbook");
        }

        var template = RosterTemplate.Xlsx(chineseHeaders: false);

        Assert.Equal("Roster_Malformed", (await Assert.ThrowsAsync<DomainException>(() => ReadAsync(zip.ToArray(), "roster.xlsx"))).Key);
        Assert.Equal("Roster_Malformed", (await Assert.ThrowsAsync<DomainException>(() => ReadAsync(template[..(template.Length / 2)], "roster.xlsx"))).Key);
    }

    [Fact]
    public async Task RefusesMoreRowsThanTheCap()
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i <= RosterReader.MaxRows; i++)
        {
            csv.Append("2016-2021,N").Append(i).Append(",甲,town,水口镇,,,,,\n");
        }

        var ex = await Assert.ThrowsAsync<DomainException>(() => ReadAsync(Encoding.UTF8.GetBytes(csv.ToString())));

        Assert.Equal("Roster_TooManyRows", ex.Key);
    }

    [Fact]
    public async Task StopsReadingOneByteOverTheLimit()
    {
        var upload = new CountingStream(new MemoryStream(new byte[5 * 1024 * 1024]));

        await Assert.ThrowsAsync<DomainException>(() => RosterReader.ReadAsync(upload, "big.csv", maxBytes: 1024 * 1024));

        Assert.Equal(1024 * 1024 + 1, upload.BytesRead);
    }

    [Fact]
    public async Task NamesMissingColumnsInTheUsersLanguage()
    {
        using var culture = new CultureScope("zh-CN");

        var ex = await Assert.ThrowsAsync<DomainException>(() => ReadAsync(Encoding.UTF8.GetBytes("姓名,层级,镇街\n张三,县,水口镇\n")));

        Assert.Equal("缺少必需的列：届 (term), 代表编号 (deputy_number)。", ex.Message);
    }

    [Fact]
    public async Task RefusesAFileOverTheSizeLimitWithAChineseMessage()
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            var ex = await Assert.ThrowsAsync<DomainException>(() =>
                RosterReader.ReadAsync(new MemoryStream(new byte[2 * 1024 * 1024 + 1]), "big.csv", maxBytes: 2 * 1024 * 1024));

            Assert.Equal("文件超过 2 MB。", ex.Message);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>A read-only stream that counts what the reader took from it.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
