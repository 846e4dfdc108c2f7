using DeputyPerformance.App.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DeputyPerformance.App.Localization;

/// <summary>MudBlazor's own texts (pager, date picker, filters) from the project's resources.</summary>
public sealed class MudTextLocalizer(IStringLocalizer<MudBlazorText> texts) : MudLocalizer
{
    public override LocalizedString this[string key] => texts[key];

    public override LocalizedString this[string key, params object[] arguments] => texts[key, arguments];
}
