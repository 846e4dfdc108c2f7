using System.Globalization;
using DeputyPerformance.Domain.Duties;

namespace DeputyPerformance.App.Components.Pages.Prints;

/// <summary>The print view of the log grid's filter as a link, and back: query parameters in invariant form.</summary>
public static class DutyPrintLinks
{
    public static string For(DutyLogFilter f)
    {
        var query = new List<string>();
        if (f.Year is { } year) query.Add("year=" + year.ToString(CultureInfo.InvariantCulture));
        if (f.TownId is { } town) query.Add("town=" + town.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(f.CategoryCode)) query.Add("category=" + Uri.EscapeDataString(f.CategoryCode));
        if (f.Status is { } status) query.Add("status=" + status);
        if (f.From is { } from) query.Add("from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (f.To is { } to) query.Add("to=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (f.DeputyId is { } deputy) query.Add("deputy=" + deputy.ToString(CultureInfo.InvariantCulture));
        return query.Count == 0 ? "/duties/print" : "/duties/print?" + string.Join('&', query);
    }

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
