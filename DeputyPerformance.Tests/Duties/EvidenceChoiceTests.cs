using Bunit;
using DeputyPerformance.App.Components.Pages.Duties;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace DeputyPerformance.Tests.Duties;

/// <summary>Choosing more evidence files than a log may have is refused with a message, not silently cut.</summary>
public sealed class EvidenceChoiceTests : AppComponentTest
{
    private IRenderedComponent<DutyLogForm> Render(List<IBrowserFile> chosen)
    {
        Render<MudPopoverProvider>();
        return Render<DutyLogForm>(p => p.Add(x => x.Year, 2019).Add(x => x.Evidence, chosen));
    }

    private static InputFileContent[] Pdfs(int count) =>
        Enumerable.Range(1, count).Select(i => InputFileContent.CreateFromBinary(DutyTestData.Pdf(), $"f{i}.pdf")).ToArray();

    [Fact]
    public void ElevenFilesAtOnceAreRefusedWithAMessageAndNoneIsAdded()
    {
        using var culture = new CultureScope("zh-CN");
        var chosen = new List<IBrowserFile>();
        var cut = Render(chosen);

        cut.FindComponent<InputFile>().UploadFiles(Pdfs(11));

        Assert.Empty(chosen);
        Assert.Contains("每条登记最多 10 个附件。", cut.Find("[data-testid=duty-evidence-error]").TextContent);
    }

    [Fact]
    public void TenFilesAreTakenAndAnEleventhLaterIsRefused()
    {
        using var culture = new CultureScope("zh-CN");
        var chosen = new List<IBrowserFile>();
        var cut = Render(chosen);

        cut.FindComponent<InputFile>().UploadFiles(Pdfs(10));
        Assert.Equal(10, chosen.Count);
        Assert.Empty(cut.FindAll("[data-testid=duty-evidence-error]"));

        cut.FindComponent<InputFile>().UploadFiles(Pdfs(1));

        Assert.Equal(10, chosen.Count);
        Assert.NotEmpty(cut.FindAll("[data-testid=duty-evidence-error]"));
    }
}
