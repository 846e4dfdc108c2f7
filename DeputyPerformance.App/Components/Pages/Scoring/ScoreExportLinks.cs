using System.Globalization;
using DeputyPerformance.Domain.Scoring;

namespace DeputyPerformance.App.Components.Pages.Scoring;

/// <summary>The score sheet download of a year with the board's filters as query parameters (read by the export endpoint).</summary>
public static class ScoreExportLinks
{
    public static string For(int year, string format, RankingFilter filter)
    {
        var query = new List<string>();
        if (filter.TownId is { } town) query.Add("town=" + town.ToString(CultureInfo.InvariantCulture));
        if (filter.DelegationId is { } delegation) query.Add("delegation=" + delegation.ToString(CultureInfo.InvariantCulture));
        if (filter.Grade is { } grade) query.Add("grade=" + grade);
        var path = string.Create(CultureInfo.InvariantCulture, $"/scores/{year}/export.{format}");
        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }
}
