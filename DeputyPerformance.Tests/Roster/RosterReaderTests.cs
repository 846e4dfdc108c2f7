using System.Globalization;
using System.Text;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Roster;
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
}
