using Bunit;
using DeputyPerformance.App.Components.Pages.Deputies;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Tests.Support;
using MudBlazor;

namespace DeputyPerformance.Tests.Deputies;

public sealed class DeputyFormTests : AppComponentTest
{
    private IRenderedComponent<DeputyForm> RenderForm(DeputyInput input)
    {
        Render<MudPopoverProvider>();
        return Render<DeputyForm>(p => p
            .Add(x => x.Input, input)
            .Add(x => x.Caller, TestCallers.CountyClerk));
    }

    /// <summary>The validation messages under the fields.</summary>
    private static IEnumerable<string> Messages(IRenderedComponent<DeputyForm> cut) =>
        cut.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim());

    [Fact]
    public async Task AnEmptyFormShowsEachMessageInChinese()
    {
        using var culture = new CultureScope("zh-CN");
        var cut = RenderForm(new DeputyInput());

        var valid = await cut.InvokeAsync(() => cut.Instance.ValidateAsync());

        Assert.False(valid);
        cut.WaitForAssertion(() =>
        {
            var errors = Messages(cut).ToList();
            Assert.Contains("请输入代表编号。", errors);
            Assert.Contains("请输入名称。", errors);
            Assert.Contains("请选择届次。", errors);
            Assert.Contains("请选择镇街。", errors);
        });
    }

    [Fact]
    public async Task TheMessagesFollowTheUiCulture()
    {
        using var culture = new CultureScope("en");
        var cut = RenderForm(new DeputyInput { TermId = 1, TownId = 1, Name = "Chen Wei", DeputyNumber = "C 1" });

        await cut.InvokeAsync(() => cut.Instance.ValidateAsync());

        cut.WaitForAssertion(() => Assert.Equal(
            ["The deputy number may contain only letters, digits, - and _."],
            Messages(cut)));
    }

    [Fact]
    public async Task TheStatusIsShownButOnlyAnExitCaseChangesIt()
    {
        using var culture = new CultureScope("zh-CN");
        var input = await Db.Get<DeputyService>().GetForEditAsync(TestCallers.CountyClerk, 1);
        var cut = RenderForm(input);

        Assert.Contains("代表资格状态只能通过代表退出案件变更。", cut.Markup);
        Assert.Equal("true", cut.Find("[data-testid=field-status]").GetAttribute("aria-disabled"));
    }

    [Fact]
    public async Task AStoredDeputyIsValidAndShowsNoMessage()
    {
        using var culture = new CultureScope("zh-CN");
        var input = await Db.Get<DeputyService>().GetForEditAsync(TestCallers.CountyClerk, 1);
        var cut = RenderForm(input);

        var valid = await cut.InvokeAsync(() => cut.Instance.ValidateAsync());

        Assert.True(valid);
        Assert.Empty(Messages(cut));
        Assert.Contains(input.DeputyNumber, cut.Find("input[data-testid=field-number]").GetAttribute("value"));
    }
}
