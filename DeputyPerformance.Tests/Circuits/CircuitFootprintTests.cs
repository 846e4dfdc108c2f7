using System.Net;
using System.Text.Json;
using Bunit;
using DeputyPerformance.App.Components.Layout;
using DeputyPerformance.App.Components.Shared;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Hosting;
using MudBlazor;

namespace DeputyPerformance.Tests.Circuits;

/// <summary>
/// What an idle open page holds (decision 0090): the side menu is markup, not a component per link; a filter's options
/// exist only while it is open; the app runs the workstation GC.
/// </summary>
public sealed class CircuitFootprintTests : AppComponentTest
{
    [Fact]
    public void TheSideMenuHoldsNoComponentPerLink()
    {
        using var culture = new CultureScope("zh-CN");
        DailyAuth.SignIn(this, "admin", Roles.Administrator);

        var cut = Render<NavMenu>(p => p.Add(x => x.Location, "http://localhost/scores"));

        Assert.True(cut.FindAll("a.mud-nav-link").Count > 20);
        Assert.Empty(cut.FindComponents<NavLink>());
        Assert.Empty(cut.FindComponents<MudNavLink>());
        Assert.Empty(cut.FindComponents<MudNavGroup>());
        Assert.Empty(cut.FindComponents<AuthorizeView>());
    }

    [Fact]
    public async Task AFoldedMenuGroupUnfoldsOnItsTitleAndFoldsAgain()
    {
        using var culture = new CultureScope("zh-CN");
        DailyAuth.SignIn(this, "county.clerk", Roles.CountyClerk);
        var cut = Render<NavMenu>(p => p.Add(x => x.Location, "http://localhost/"));
        var masterData = () => cut.Find("button[aria-controls=nav-master-data]");
        var links = () => cut.Find("#nav-master-data").ParentElement!.ParentElement!.ParentElement!;

        Assert.Equal("false", masterData().GetAttribute("aria-expanded"));
        Assert.True(links().HasAttribute("inert"));

        await masterData().ClickAsync(new());
        Assert.Equal("true", masterData().GetAttribute("aria-expanded"));
        Assert.False(links().HasAttribute("inert"));
        Assert.Contains(cut.FindAll("#nav-master-data a.mud-nav-link"), a => a.GetAttribute("href") == "/towns");

        await masterData().ClickAsync(new());
        Assert.Equal("false", masterData().GetAttribute("aria-expanded"));
    }

    [Fact]
    public void TheMenuShowsADeputyOnlyHisOwnEntries()
    {
        using var culture = new CultureScope("zh-CN");
        DailyAuth.SignIn(this, "deputy", Roles.Deputy, deputyId: 1);

        var cut = Render<NavMenu>(p => p.Add(x => x.Location, "http://localhost/my/duties"));

        var hrefs = cut.FindAll("a.mud-nav-link").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/my/duties", hrefs);
        Assert.Contains("/my/suggestions", hrefs);
        Assert.DoesNotContain("/deputies", hrefs);
        Assert.DoesNotContain("/admin/users", hrefs);
        Assert.Equal("/my/duties", cut.Find("a.mud-nav-link.active").GetAttribute("href"));
    }

    [Fact]
    public async Task AFilterHoldsItsOptionsOnlyWhileOpen()
    {
        using var culture = new CultureScope("zh-CN");
        var popovers = Render<MudPopoverProvider>();
        int? chosen = null;
        var towns = new Dictionary<int, string> { [1] = "城关镇", [2] = "河西乡", [3] = "东山镇" };
        var cut = Render<FilterSelect<int?>>(p => p
            .Add(x => x.Options, towns.Keys.Select(k => (int?)k).ToList())
            .Add(x => x.TextOf, id => id is { } k ? towns[k] : null)
            .Add(x => x.Value, 2)
            .Add(x => x.ValueChanged, v => chosen = v));

        Assert.Empty(cut.FindComponents<MudSelectItem<int?>>());
        Assert.Equal("河西乡", cut.Find("input").GetAttribute("value"));

        await cut.Find(".mud-input-control").MouseDownAsync(new());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindComponents<MudSelectItem<int?>>()));
        popovers.WaitForAssertion(() => Assert.Equal(3, popovers.FindAll(".mud-popover-open .mud-list-item").Count));
        await popovers.FindAll(".mud-popover-open .mud-list-item").Single(e => e.TextContent.Contains("东山镇")).ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(3, chosen));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindComponents<MudSelectItem<int?>>()));
    }

    [Fact]
    public void TheAppRunsTheWorkstationGarbageCollector()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DeputyPerformance.App.runtimeconfig.json")));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
    }
}

/// <summary>The memory diagnostics endpoint of the circuit measurement exists only when switched on.</summary>
public sealed class MemoryDiagnosticsEndpointTests
{
    [Fact]
    public async Task TheMemoryEndpointIsNotThereUnlessSwitchedOn()
    {
        await using var app = new AppFactory();

        var response = await app.NewClient("127.0.0.1").GetAsync("/diagnostics/memory");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheMemoryEndpointAnswersTheMachineItselfWhenSwitchedOn()
    {
        await using var app = new MemoryDiagnosticsFactory();

        var response = await app.NewClient("127.0.0.1").GetAsync("/diagnostics/memory");
        var fromElsewhere = await app.NewClient("10.1.2.3").GetAsync("/diagnostics/memory");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("managedHeapBytes").GetInt64() > 0);
        Assert.Equal(0, body.RootElement.GetProperty("openCircuits").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, fromElsewhere.StatusCode);
    }

    private sealed class MemoryDiagnosticsFactory : AppFactory
    {
        protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Diagnostics:MemoryEndpoint", "true");
    }
}
