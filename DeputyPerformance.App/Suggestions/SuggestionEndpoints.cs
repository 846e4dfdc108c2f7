using DeputyPerformance.App.Security;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Scoring;
using DeputyPerformance.Domain.Suggestions;

namespace DeputyPerformance.App.Suggestions;

/// <summary>The board's download: a year's suggestions with headers and values in the user's language. The service checks role; a refusal is a 403.</summary>
public static class SuggestionEndpoints
{
    public static void MapSuggestionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/suggestions/template.csv", () => Results.File(SuggestionSheet.Template(), "text/csv; charset=utf-8", "suggestions-template.csv"))
            .RequireAuthorization();

        // A suggestion's file: the service checks the caller's scope (a handler of another department is refused: 403).
        app.MapGet("/suggestions/attachments/{id:long}", async (long id, HttpContext http, SuggestionService suggestions, CancellationToken ct) =>
        {
            try
            {
                var (info, content) = await suggestions.OpenAttachmentAsync(CallerAccessor.FromPrincipal(http.User), id, ct);
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

        app.MapGet("/suggestions/{year:int}/export.{format:regex(^(xlsx|csv)$)}", async (int year, string format, HttpContext http, SuggestionService suggestions, CancellationToken ct) =>
        {
            try
            {
                var rows = await suggestions.ExportRowsAsync(CallerAccessor.FromPrincipal(http.User), year, ct);
                var buffer = new MemoryStream();
                var xlsx = format == "xlsx";
                await SuggestionSheet.WriteAsync(buffer, rows, xlsx ? ScoreSheetFormat.Xlsx : ScoreSheetFormat.Csv, ScoreSheetHeaders.Localized, ct);
                buffer.Position = 0;
                return Results.File(buffer, xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
                    $"suggestions-{year}.{format}");
            }
            catch (AccessDeniedException ex)
            {
                return Results.Text(ex.Message, statusCode: StatusCodes.Status403Forbidden);
            }
        }).RequireAuthorization();
    }
}
