using MudBlazor;

namespace DeputyPerformance.App.Components.Layout;

/// <summary>The congress red, with fonts that carry Chinese well.</summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#B71C1C",
            AppbarBackground = "#B71C1C",
            Secondary = "#8D6E63",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Roboto", "sans-serif"],
            },
        },
    };
}
