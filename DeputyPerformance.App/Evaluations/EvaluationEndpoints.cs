using DeputyPerformance.App.Security;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Evaluations;
using DeputyPerformance.Domain.Scoring;

namespace DeputyPerformance.App.Evaluations;

/// <summary>Downloads of the evaluation pages: a phase's document, the year's export. The service checks role; a refusal is a 403.</summary>
public static class EvaluationEndpoints
{
    public static void MapEvaluationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/evaluations/documents/{id:long}", async (long id, HttpContext http, EvaluationService evaluations, CancellationToken ct) =>
            await GuardedAsync(async () =>
            {
                var (info, content) = await evaluations.OpenDocumentAsync(CallerAccessor.FromPrincipal(http.User), id, ct);
                return Results.File(content, info.ContentType, info.OriginalName);
            })).RequireAuthorization();

        app.MapGet("/evaluations/{year:int}/export.{format:regex(^(xlsx|csv)$)}", async (int year, string format, HttpContext http, EvaluationService evaluations, CancellationToken ct) =>
            await GuardedAsync(async () =>
            {
                var rows = await evaluations.ExportRowsAsync(CallerAccessor.FromPrincipal(http.User), year, ct);
                var buffer = new MemoryStream();
                var xlsx = format == "xlsx";
                await EvaluationSheet.WriteAsync(buffer, rows, xlsx ? ScoreSheetFormat.Xlsx : ScoreSheetFormat.Csv, ScoreSheetHeaders.Localized, ct);
                buffer.Position = 0;
                return Results.File(buffer, xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
                    $"evaluations-{year}.{format}");
            })).RequireAuthorization();
    }

    private static async Task<IResult> GuardedAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (AccessDeniedException ex)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (NotFoundException ex)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (DomainException ex)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
