using Bunit;
using DeputyPerformance.App.Components.Pages.Scoring;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Scoring;
using DeputyPerformance.Tests.Support;
using MudBlazor;

namespace DeputyPerformance.Tests.Scoring;

/// <summary>The rules page: copying last year's rules overwrites a year, so it asks first; every rule field explains itself.</summary>
public sealed class RuleSetsPageTests : AppComponentTest
{
    private IRenderedComponent<MudDialogProvider> _dialogs = null!;

    private IRenderedComponent<RuleSets> RenderAsAdmin()
    {
        DailyAuth.SignIn(this, "admin", Roles.Administrator);
        Render<MudPopoverProvider>();
        _dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        return Render<RuleSets>();
    }

    [Fact]
    public async Task CopyingLastYearsRulesAsksFirstAndCancellingWritesNothing()
    {
        using var culture = new CultureScope("zh-CN");
        var cut = RenderAsAdmin();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=rule-categories]")));
        (_, var year) = await Db.Get<LookupService>().YearsAsync(TimeProvider.System.GetLocalNow().Year);

        // The click's handler waits for the answer: answer first, then await it.
        var click = cut.Find("[data-testid=rules-copy]").ClickAsync(new());

        // The message box renders in the dialog provider.
        var dialog = _dialogs.WaitForElement(".mud-dialog", TimeSpan.FromSeconds(10));
        Assert.Contains($"用 {year - 1} 年度的规则覆盖 {year} 年度的规则", dialog.TextContent);
        var cancel = _dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "取消");
        await cancel.ClickAsync(new());
        await click;

        _dialogs.WaitForAssertion(() => Assert.Empty(_dialogs.FindAll(".mud-dialog")));
        var rules = await Db.Get<ScoringRuleService>().GetAsync(TestCallers.Admin, year);
        Assert.False(rules.IsSaved);
    }

    [Fact]
    public void EveryRuleFieldHasHelpText()
    {
        using var culture = new CultureScope("zh-CN");
        var cut = RenderAsAdmin();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=rule-categories]")));

        Assert.Contains("每名代表年度积分的起点", cut.Markup);
        Assert.Contains("名额不是整数时的取整方式", cut.Markup);
        Assert.Contains("留空表示不封顶", cut.Markup);
    }
}
