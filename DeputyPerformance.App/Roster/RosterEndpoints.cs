using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Roster;

namespace DeputyPerformance.App.Roster;

public static class RosterEndpoints
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The roster templates for county staff: /roster/template.csv (UTF-8 with BOM) and /roster/template.xlsx,
    /// English headers, or Chinese ones with ?chinese=true. The example row follows the user's language.
    /// </summary>
    public static void MapRosterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/roster").RequireAuthorization(p => p.RequireRole(Roles.Administrator, Roles.CountyClerk));
        group.MapGet("/template.csv", (bool? chinese) =>
            Results.File(RosterTemplate.Csv(chinese == true), "text/csv", chinese == true ? "roster-template-zh.csv" : "roster-template.csv"));
        group.MapGet("/template.xlsx", (bool? chinese) =>
            Results.File(RosterTemplate.Xlsx(chinese == true), XlsxType, chinese == true ? "roster-template-zh.xlsx" : "roster-template.xlsx"));
    }
}
