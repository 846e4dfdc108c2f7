using System.Globalization;
using DeputyPerformance.App.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace DeputyPerformance.App.Components.Layout;

/// <summary>
/// The side menu's links and groups as plain markup with MudBlazor's own classes (the look of MudNavLink and
/// MudNavGroup), not as components: every open page holds its menu, and a component per link (MudNavLink, NavLink,
/// MudIcon, AuthorizeView, their cascading values) cost each circuit ~100 components, ~6 KB each (decision 0090).
/// The fragments render inside the component that uses them; a group's toggle calls back into that component.
/// </summary>
public static class NavMarkup
{
    /// <summary>A menu link: <paramref name="Exact"/> lights it only on its own path, otherwise on its sub-paths too.</summary>
    public sealed record Link(string Href, string Text, string? Icon = null, bool Exact = false, int Count = 0);

    /// <summary>The page's path without query or fragment ("/scores"), from an absolute URI of the app.</summary>
    public static string PathOf(NavigationManager navigation, string? uri)
    {
        var relative = navigation.ToBaseRelativePath(uri ?? navigation.Uri);
        var end = relative.IndexOfAny(['?', '#']);
        return "/" + (end < 0 ? relative : relative[..end]);
    }

    /// <summary>Whether a link is the page shown (NavLinkMatch.All when exact, NavLinkMatch.Prefix otherwise).</summary>
    public static bool IsActive(Link link, string path)
    {
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        if (string.Equals(trimmed, link.Href, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return !link.Exact && link.Href != "/" && trimmed.StartsWith(link.Href + "/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>One link: <c>div.mud-nav-item &gt; a.mud-nav-link</c>, lit (<c>active</c>, <c>aria-current</c>) on its page.</summary>
    public static RenderFragment Item(Link link, string path, IStringLocalizer<UiText> text) => builder =>
    {
        var active = IsActive(link, path);
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-nav-item");
        builder.OpenElement(2, "a");
        builder.AddAttribute(3, "href", link.Href);
        builder.AddAttribute(4, "class", active ? "mud-nav-link mud-ripple active" : "mud-nav-link mud-ripple");
        builder.AddAttribute(5, "aria-current", active ? "page" : null);
        if (link.Icon is not null)
        {
            builder.AddContent(6, Icon("mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium mud-nav-link-icon mud-nav-link-icon-default", link.Icon));
        }

        builder.OpenElement(7, "div");
        builder.AddAttribute(8, "class", "mud-nav-link-text");
        builder.AddContent(9, link.Text);
        if (link.Count > 0)
        {
            builder.OpenElement(10, "span");
            builder.AddAttribute(11, "class", "todo-count");
            builder.AddAttribute(12, "title", text["Todo_Waiting"].Value);
            builder.AddAttribute(13, "aria-label", string.Format(CultureInfo.CurrentCulture, text["Todo_CountLabel"], link.Count));
            builder.AddAttribute(14, "data-testid", "todo-count");
            builder.AddContent(15, link.Count.ToString("N0", CultureInfo.CurrentCulture));
            builder.CloseElement();
        }

        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>
    /// A group with a title button that folds it (<paramref name="toggle"/> is the owner's handler) and its links; a folded
    /// group keeps its links in the page but out of sight and out of the keyboard's way (<c>inert</c>).
    /// </summary>
    public static RenderFragment Group(string id, string title, string icon, bool expanded, EventCallback toggle, IReadOnlyList<Link> links,
        string path, IStringLocalizer<UiText> text) => builder =>
    {
        builder.OpenElement(0, "nav");
        builder.AddAttribute(1, "class", "mud-nav-group");
        builder.AddAttribute(2, "aria-label", title);
        builder.OpenElement(3, "button");
        builder.AddAttribute(4, "type", "button");
        builder.AddAttribute(5, "class", expanded ? "mud-nav-link mud-ripple mud-expanded" : "mud-nav-link mud-ripple");
        builder.AddAttribute(6, "aria-controls", id);
        builder.AddAttribute(7, "aria-expanded", expanded ? "true" : "false");
        builder.AddAttribute(8, "aria-label", text["Nav_ToggleGroup"].Value);
        builder.AddAttribute(9, "onclick", toggle);
        builder.AddContent(10, Icon("mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium mud-nav-link-icon mud-nav-link-icon-default", icon));
        builder.OpenElement(11, "div");
        builder.AddAttribute(12, "class", "mud-nav-link-text");
        builder.AddContent(13, title);
        builder.CloseElement();
        builder.AddContent(14, Icon(expanded ? "mud-icon-root mud-svg-icon mud-icon-size-medium mud-nav-link-expand-icon mud-transform"
            : "mud-icon-root mud-svg-icon mud-icon-size-medium mud-nav-link-expand-icon", Icons.Material.Filled.ArrowDropDown));
        builder.CloseElement();
        builder.OpenElement(15, "div");
        builder.AddAttribute(16, "class", expanded ? "mud-collapse-container mud-collapse-entered mud-navgroup-collapse" : "mud-collapse-container mud-navgroup-collapse");
        builder.AddAttribute(17, "aria-hidden", expanded ? "false" : "true");
        builder.AddAttribute(18, "inert", !expanded);
        builder.OpenElement(19, "div");
        builder.AddAttribute(20, "class", "mud-collapse-wrapper");
        builder.OpenElement(21, "div");
        builder.AddAttribute(22, "class", "mud-collapse-wrapper-inner");
        builder.OpenElement(23, "nav");
        builder.AddAttribute(24, "id", id);
        builder.AddAttribute(25, "role", "none");
        builder.AddAttribute(26, "class", "mud-navmenu mud-navmenu-default mud-navmenu-margin-none");
        foreach (var link in links)
        {
            builder.OpenRegion(27);
            Item(link, path, text)(builder);
            builder.CloseRegion();
        }

        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>An SVG icon as MudIcon draws it; <paramref name="svg"/> is one of MudBlazor's constant icon paths, never user data.</summary>
    public static RenderFragment Icon(string cssClass, string svg) => builder =>
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", cssClass);
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddAttribute(5, "role", "img");
        builder.AddMarkupContent(6, svg);
        builder.CloseElement();
    };
}
