using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Roster;

namespace DeputyPerformance.App.Roster;

public static class RosterEndpoints
{
    /// <summary>The roster templates for county staff: CSV (UTF-8 with BOM) or .xlsx, English or Chinese headers.</summary>
    public static void MapRosterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/roster").RequireAuthorization(p => p.RequireRole(Roles.Administrator, Roles.CountyClerk));
        group.MapGet("/template.csv", (bool? chinese) =>
            Results.File(RosterImportService.CsvTemplate(chinese == true), "text/csv", "roster-template.csv"));
        group.MapGet("/template.xlsx", (bool? chinese) =>
            Results.File(RosterImportService.XlsxTemplate(chinese == true),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "roster-template.xlsx"));
    }
}
