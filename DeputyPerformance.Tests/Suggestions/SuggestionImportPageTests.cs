using System.Text;
using Bunit;
using DeputyPerformance.App.Components.Pages.Suggestions;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Suggestions;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DeputyPerformance.Tests.Suggestions;

/// <summary>The office's upload page for a suggestions file: the preview names the bad rows, nothing is written until a clean file is confirmed.</summary>
public sealed class SuggestionImportPageTests : AppComponentTest
{
    private static readonly string Header = string.Join(",", SuggestionSheet.ContractColumns);

    private IRenderedComponent<SuggestionImport> Render()
    {
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build());
        var auth = AddAuthorization();
        auth.SetAuthorized("county.clerk");
        auth.SetRoles(Roles.CountyClerk);
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<SuggestionImport>();
    }

    private async Task<string> LeadNumberAsync()
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await db.Deputies.OrderBy(d => d.Id).Select(d => d.DeputyNumber).FirstAsync();
    }

    private async Task<int> CountAsync()
    {
        await using var db = await Db.Factory.CreateDbContextAsync();
        return await db.Suggestions.CountAsync();
    }

    private static InputFileContent Csv(params string[] rows) =>
        InputFileContent.CreateFromBinary(Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. rows]) + "\n"), "suggestions.csv");

    [Fact]
    public async Task AFileWithOneBadRowIsPreviewedWithItsErrorInTheUsersLanguageAndNothingIsImported()
    {
        using var culture = new CultureScope("zh-CN");
        var lead = await LeadNumberAsync();
        var before = await CountAsync();
        var cut = Render();

        cut.FindComponent<InputFile>().UploadFiles(Csv($"1,2020,{lead},修桥,桥不安全,,,,,,,,no,", "2,2020,X999,修路,路不平,,,,,,,,no,"));

        cut.WaitForAssertion(() =>
        {
            var errors = cut.Find("[data-testid=sg-import-errors]").TextContent;
            Assert.Contains("X999", errors);
            Assert.Contains("3", cut.Find("[data-testid=sg-import-errors] tbody tr td").TextContent);
            Assert.True(cut.Find("button[data-testid=sg-import-confirm]").HasAttribute("disabled"));
            Assert.Contains("待导入 0 件", cut.Find("[data-testid=sg-import-summary]").TextContent);
        }, TimeSpan.FromSeconds(10));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task ACleanFileIsPreviewedWithoutWritingThenImportedAllTogether()
    {
        using var culture = new CultureScope("en");
        var lead = await LeadNumberAsync();
        var before = await CountAsync();
        var cut = Render();

        cut.FindComponent<InputFile>().UploadFiles(Csv($"1,2020,{lead},Repair the bridge,Unsafe,,,,,,,,no,", $"2,2020,{lead},Mend the road,Holes,,,,,,,,yes,Wang"));
        cut.WaitForAssertion(() => Assert.Contains("2 suggestion(s) to import", cut.Find("[data-testid=sg-import-summary]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal(before, await CountAsync());
        cut.Find("button[data-testid=sg-import-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Imported 2 suggestion(s)", cut.Find("[data-testid=sg-import-result]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal(before + 2, await CountAsync());
    }
}
