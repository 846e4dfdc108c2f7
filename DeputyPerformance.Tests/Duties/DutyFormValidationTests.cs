using Bunit;
using DeputyPerformance.App.Components.Pages.Duties;
using DeputyPerformance.App.Components.Shared;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Tests.Support;
using MudBlazor;

namespace DeputyPerformance.Tests.Duties;

/// <summary>Validation messages answer the current input: none stays behind once the input is fixed or saved.</summary>
public sealed class DutyFormValidationTests : AppComponentTest
{
    [Fact]
    public async Task TheMissingDeputyMessageGoesOnceADeputyIsPicked()
    {
        using var culture = new CultureScope("zh-CN");
        var towns = await DutyTestData.TownIdsAsync(Db);
        var deputy = await DutyTestData.DeputyOfTownAsync(Db, towns[0]);
        DailyAuth.SignIn(this, "county.clerk", Roles.CountyClerk);
        Render<MudPopoverProvider>();
        var cut = Render<DutyLogForm>(p => p.Add(x => x.ChooseDeputy, true).Add(x => x.Year, 2019)
            .Add(x => x.Input, DutyTestData.Input(0, date: "2019-05-10")));

        await cut.InvokeAsync(() => cut.Instance.ValidateAsync());
        cut.WaitForAssertion(() => Assert.Contains("请选择代表。", cut.Markup));

        var picker = cut.FindComponent<DeputyPicker>();
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(deputy.Id));

        cut.WaitForAssertion(() => Assert.DoesNotContain("请选择代表。", cut.Markup));
    }

    [Fact]
    public async Task AfterASuccessfulSubmissionTheEmptyFormShowsNoError()
    {
        using var culture = new CultureScope("zh-CN");
        var towns = await DutyTestData.TownIdsAsync(Db);
        var deputy = await DutyTestData.DeputyOfTownAsync(Db, towns[0]);
        DailyAuth.SignIn(this, "deputy", Roles.Deputy, deputyId: deputy.Id);
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        var cut = Render<MyDuties>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=duty-form]")));

        var category = cut.FindComponent<MudSelect<string>>();
        await cut.InvokeAsync(() => category.Instance.ValueChanged.InvokeAsync("reception"));
        cut.Find("textarea[data-testid=duty-description]").Change("在联络站接待选民");
        await cut.Find("[data-testid=duty-submit]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("在联络站接待选民", cut.Find("[data-testid=my-duty-grid]").TextContent), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("请选择有效的类别", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=duty-form] .mud-input-error"));
    }
}
