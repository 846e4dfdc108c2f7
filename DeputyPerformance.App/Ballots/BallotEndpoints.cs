using DeputyPerformance.App.Security;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Reports;

namespace DeputyPerformance.App.Ballots;

public static class BallotEndpoints
{
    /// <summary>The year's report results as .xlsx, within the caller's scope (the service checks it).</summary>
    public static void MapBallotEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/{year:int}/export.xlsx", async (int year, HttpContext http, ReportService reports, CancellationToken ct) =>
        {
            try
            {
                var bytes = await reports.ExportAsync(CallerAccessor.FromPrincipal(http.User), year, ct);
                return Results.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"reports-{year}.xlsx");
            }
            catch (AccessDeniedException ex)
            {
                return Results.Text(ex.Message, statusCode: StatusCodes.Status403Forbidden);
            }
        }).RequireAuthorization();
    }
}
