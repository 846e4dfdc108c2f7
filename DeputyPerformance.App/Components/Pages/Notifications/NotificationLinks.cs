using System.Globalization;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Exits;
using DeputyPerformance.Domain.Notifications;
using Microsoft.Extensions.Localization;

namespace DeputyPerformance.App.Components.Pages.Notifications;

/// <summary>Where a notification leads and how it reads: the case page, or the flag on the deputy's own page or the board.</summary>
public static class NotificationLinks
{
    public static string Href(NotificationRow n, Caller caller) =>
        n.CaseId is { } caseId ? $"/exits/{caseId}"
        : caller.IsDeputy ? "/my/exit"
        : $"/exits?search={Uri.EscapeDataString(n.DeputyNumber)}";

    public static string Text(NotificationRow n, IStringLocalizer t)
    {
        var rule = n.FlagRule ?? n.Detail;
        var what = n.Kind switch
        {
            NotificationKind.FlagRaised => DomainText.Get(ExitRuleCodes.NameKey(rule ?? "")),
            NotificationKind.Decision => DomainText.Get("ExitAction_" + n.Detail),
            _ => n.Detail ?? "",
        };
        return string.Format(CultureInfo.CurrentCulture, t["Notification_" + n.Kind], n.DeputyName, n.DeputyNumber, n.CaseId, what);
    }
}
