using Microsoft.AspNetCore.Components;

namespace DeputyPerformance.App.Components.Shared;

/// <summary>
/// A small icon link as MudIconButton with an Href draws it, as plain markup in the caller's render tree: in a grid's
/// cell template a MudIconButton adds three components per row (the button, its MudIcon and a cascading value),
/// 150 per page of 50 rows, that every open page holds (decision 0090).
/// </summary>
public static class IconLink
{
    /// <summary>The link; <paramref name="svg"/> is one of MudBlazor's constant icon paths (Icons.Material...), never user data.</summary>
    public static RenderFragment Small(string href, string svg, string label, string? testId = null) => builder =>
    {
        builder.OpenElement(0, "a");
        builder.AddAttribute(1, "class", "mud-button-root mud-icon-button mud-ripple mud-ripple-icon mud-icon-button-size-small");
        builder.AddAttribute(2, "href", href);
        builder.AddAttribute(3, "aria-label", label);
        builder.AddAttribute(4, "title", label);
        builder.AddAttribute(5, "data-testid", testId);
        builder.OpenElement(6, "span");
        builder.AddAttribute(7, "class", "mud-icon-button-label");
        builder.OpenElement(8, "svg");
        builder.AddAttribute(9, "class", "mud-icon-root mud-svg-icon mud-icon-size-small");
        builder.AddAttribute(10, "focusable", "false");
        builder.AddAttribute(11, "viewBox", "0 0 24 24");
        builder.AddAttribute(12, "aria-hidden", "true");
        builder.AddAttribute(13, "role", "img");
        builder.AddMarkupContent(14, svg);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };
}
