using Bunit;
using DeputyPerformance.App.Components.Pages.Duties;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DeputyPerformance.Tests.Duties;

/// <summary>The clerk's log grid: rejecting with a reason on one click, the town column only when there is a choice.</summary>
public sealed class DutyLogsPageTests : AppComponentTest
{
    private async Task<(int Town, long LogId)> PendingLogAsync()
    {
        var towns = await DutyTestData.TownIdsAsync(Db);
        var deputy = await DutyTestData.DeputyOfTownAsync(Db, towns[0]);
        var id = await Db.Get<DutyLogService>().SubmitAsync(TestCallers.Deputy(deputy.Id), DutyTestData.Input(deputy.Id, date: "2021-05-10"));
        return (towns[0], id);
    }

    [Fact]
    public async Task TheRejectButtonIsEnabledWhileTheReasonIsTyped()
    {
        using var culture = new CultureScope("zh-CN");
        var (town, id) = await PendingLogAsync();
        DailyAuth.SignIn(this, "town.clerk", Roles.TownClerk, townId: town);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("status", "Pending"));
        var cut = Render<DutyLogs>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr.mud-table-row")), TimeSpan.FromSeconds(10));

        await cut.Find("tbody tr.mud-table-row input[type=checkbox]").ChangeAsync(new() { Value = true });
        await cut.Find("[data-testid=duty-reject]").ClickAsync(new());
        // The dialog renders in the provider.
        var reason = dialogs.WaitForElement("textarea[data-testid=reject-reason]", TimeSpan.FromSeconds(10));
        // Typing fires input events only; the field keeps the focus, so no change event has come yet.
        await reason.InputAsync(new() { Value = "缺少佐证材料" });

        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("[data-testid=reject-confirm]").HasAttribute("disabled")));
        await dialogs.Find("[data-testid=reject-confirm]").ClickAsync(new());

        cut.WaitForAssertion(async () => Assert.Equal(DutyLogStatus.Rejected, (await Db.Get<DutyLogService>().GetAsync(TestCallers.CountyClerk, id)).Log.Status), TimeSpan.FromSeconds(10));
    }
}
