using DeputyPerformance.App.Security;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Exits;
using DeputyPerformance.Domain.Scoring;

namespace DeputyPerformance.App.Exits;

/// <summary>The exit board's download: the flags (all years or one) in the user's language. The service checks role and scope.</summary>
public static class ExitEndpoints
{
    public static void MapExitEndpoints(this IEndpointRouteBuilder app)
    {
        // A case document for whoever may read the case; the service checks role and scope (403 out of scope).
        app.MapGet("/exits/documents/{id:long}", async (long id, HttpContext http, ExitCaseService cases, CancellationToken ct) =>
        {
            try
            {
                var (info, content) = await cases.OpenDocumentAsync(CallerAccessor.FromPrincipal(http.User), id, ct);
                return Results.File(content, info.ContentType, info.OriginalName);
            }
            catch (AccessDeniedException ex)
            {
                return Results.Text(ex.Message, statusCode: StatusCodes.Status403Forbidden);
            }
            catch (NotFoundException ex)
            {
                return Results.Text(ex.Message, statusCode: StatusCodes.Status404NotFound);
            }
        }).RequireAuthorization();

        app.MapGet("/exits/export.{format:regex(^(xlsx|csv)$)}", async (string format, int? year, HttpContext http, ExitCaseService cases, CancellationToken ct) =>
        {
            try
            {
                var rows = await cases.ExportRowsAsync(CallerAccessor.FromPrincipal(http.User), year, ct);
                var buffer = new MemoryStream();
                var xlsx = format == "xlsx";
                await ExitFlagSheet.WriteAsync(buffer, rows, xlsx ? ScoreSheetFormat.Xlsx : ScoreSheetFormat.Csv, ScoreSheetHeaders.Localized, ct);
                buffer.Position = 0;
                return Results.File(buffer, xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
                    year is null ? $"exit-flags.{format}" : $"exit-flags-{year}.{format}");
            }
            catch (AccessDeniedException ex)
            {
                return Results.Text(ex.Message, statusCode: StatusCodes.Status403Forbidden);
            }
        }).RequireAuthorization();
    }
}
