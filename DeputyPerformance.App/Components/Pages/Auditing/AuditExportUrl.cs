using System.Globalization;
using DeputyPerformance.Domain.Auditing;

namespace DeputyPerformance.App.Components.Pages.Auditing;

/// <summary>The export link carries the page's filters, so the file holds what the grid shows.</summary>
public static class AuditExportUrl
{
    public static string For(AuditFilter filter)
    {
        var query = new List<string>();
        if (filter.From is { } from) query.Add("from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (filter.To is { } to) query.Add("to=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (!string.IsNullOrWhiteSpace(filter.UserName)) query.Add("user=" + Uri.EscapeDataString(filter.UserName.Trim()));
        if (!string.IsNullOrWhiteSpace(filter.EntityType)) query.Add("entity=" + Uri.EscapeDataString(filter.EntityType));
        if (!string.IsNullOrWhiteSpace(filter.Action)) query.Add("action=" + Uri.EscapeDataString(filter.Action));
        return "/admin/audit/export.xlsx" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
