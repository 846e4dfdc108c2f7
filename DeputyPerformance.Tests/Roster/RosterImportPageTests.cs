using System.Text;
using Bunit;
using DeputyPerformance.App.Components.Pages.Roster;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DeputyPerformance.Tests.Roster;

/// <summary>The import page without a browser: choose a file, read the preview and the errors, import.</summary>
public sealed class RosterImportPageTests : AppComponentTest
{
    private const string Header = "term,deputy_number,name,level,town,electoral_district,delegation,station,gender,is_leader";

    private IRenderedComponent<RosterImport> Render(long maxUploadBytes = 10 * 1024 * 1024)
    {
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Roster:MaxUploadBytes"] = maxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .Build());
        var auth = AddAuthorization();
        auth.SetAuthorized("county.clerk");
        auth.SetRoles(Roles.CountyClerk);
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<RosterImport>();
    }

    private static InputFileContent Csv(string name, params string[] rows) =>
        InputFileContent.CreateFromBinary(Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. rows]) + "\n"), name);

    private static void Choose(IRenderedComponent<RosterImport> cut, InputFileContent file) =>
        cut.FindComponent<InputFile>().UploadFiles(file);

    [Fact]
    public void ABadRowIsListedWithItsColumnAndImportStaysDisabled()
    {
        using var culture = new CultureScope("zh-CN");
        var cut = Render();

        Choose(cut, Csv("roster.csv", "2016-2021,P001,页面甲,town,石马镇,石马镇第9选区,,,女,否", "2016-2021,P002,页面乙,mayor,石马镇,,,,,"));

        cut.WaitForAssertion(() =>
        {
            var errors = cut.Find("[data-testid=roster-errors]").TextContent;
            Assert.Contains("“mayor”不是可接受的值。", errors);
            Assert.Contains("层级", errors);
            Assert.Contains("石马镇第9选区", cut.Find("[data-testid=roster-preview]").TextContent);
            Assert.True(cut.Find("button[data-testid=roster-confirm]").HasAttribute("disabled"));
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AGoodFileIsPreviewedThenImported()
    {
        using var culture = new CultureScope("zh-CN");
        var cut = Render();

        Choose(cut, Csv("roster.csv", "2016-2021,P011,页面丙,county,页面镇,页面镇第1选区,页面镇代表团,页面镇中心联络站,男,是"));
        cut.WaitForAssertion(() => Assert.Contains("页面镇代表团", cut.Find("[data-testid=roster-preview]").TextContent), TimeSpan.FromSeconds(10));
        cut.Find("button[data-testid=roster-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains("新增代表 1 名", cut.Find("[data-testid=roster-result]").TextContent), TimeSpan.FromSeconds(10));
        await using var ctx = await Db.Factory.CreateDbContextAsync();
        Assert.True(await ctx.Deputies.AnyAsync(d => d.DeputyNumber == "P011"));
    }

    [Fact]
    public void AFileOverTheLimitGetsAMessageNotAnErrorPage()
    {
        using var culture = new CultureScope("en");
        var cut = Render(maxUploadBytes: 1024 * 1024);

        Choose(cut, InputFileContent.CreateFromBinary(new byte[2 * 1024 * 1024], "big.csv"));

        cut.WaitForAssertion(() => Assert.Equal("The file is larger than 1 MB.", cut.Find("[data-testid=roster-file-error]").TextContent.Trim()),
            TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid=roster-preview]"));
    }

    [Fact]
    public void ADamagedWorkbookGetsAMessage()
    {
        using var culture = new CultureScope("en");
        var cut = Render();

        Choose(cut, InputFileContent.CreateFromBinary([0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4], "roster.xlsx"));

        cut.WaitForAssertion(() => Assert.Contains("cannot be read", cut.Find("[data-testid=roster-file-error]").TextContent), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void OffersTheTemplates()
    {
        using var culture = new CultureScope("en");
        var cut = Render();

        Assert.Equal("/roster/template.csv", cut.Find("[data-testid=roster-template-csv]").GetAttribute("href"));
        Assert.Equal("/roster/template.xlsx", cut.Find("[data-testid=roster-template-xlsx]").GetAttribute("href"));
        // A download link, not a page: Blazor's router leaves it to the browser.
        Assert.True(cut.Find("[data-testid=roster-template-csv]").HasAttribute("download"));
        Assert.Equal(".csv,.xlsx", cut.Find("input[type=file][data-testid=roster-file]").GetAttribute("accept"));
    }
}
