using Bunit;
using DeputyPerformance.App.Components.Layout;
using DeputyPerformance.Tests.Support;

namespace DeputyPerformance.Tests.Layout;

/// <summary>The dialog Blazor shows while the connection is lost speaks the user's language.</summary>
public sealed class ReconnectModalTests : AppComponentTest
{
    [Fact]
    public void TheReconnectDialogIsChineseInTheChineseUi()
    {
        using var culture = new CultureScope("zh-CN");

        var cut = Render<ReconnectModal>();

        Assert.Contains("正在重新连接服务器", cut.Markup);
        Assert.Contains("请重试或刷新页面。", cut.Markup);
        Assert.DoesNotContain("Rejoin", cut.Markup);
        Assert.DoesNotContain("Retry", cut.Markup);
    }

    [Fact]
    public void TheReconnectDialogIsEnglishInTheEnglishUi()
    {
        using var culture = new CultureScope("en");

        var cut = Render<ReconnectModal>();

        Assert.Contains("Reconnecting to the server", cut.Markup);
    }
}
