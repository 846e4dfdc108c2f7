using DeputyPerformance.App.Security;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Duties.Import;
using DeputyPerformance.Domain.Scoring;
using Microsoft.Net.Http.Headers;

namespace DeputyPerformance.App.Duties;

/// <summary>File downloads of the duty pages. The services check role and scope; a refusal is a 403 with its message.</summary>
public static class DutyEndpoints
{
    public static void MapDutyEndpoints(this IEndpointRouteBuilder app)
    {
        // ?inline=true shows the file in the evidence dialog (images and PDFs only: the store sniffs every file's type).
        app.MapGet("/duties/evidence/{id:long}", async (long id, bool? inline, HttpContext http, DutyLogService duties, CancellationToken ct) =>
            await GuardedAsync(async () =>
            {
                var (info, content) = await duties.OpenEvidenceAsync(CallerAccessor.FromPrincipal(http.User), id, ct);
                if (inline != true)
                {
                    return Results.File(content, info.ContentType, info.OriginalName);
                }

                http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = info.OriginalName }.ToString();
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.File(content, info.ContentType);
            })).RequireAuthorization();

        // The ranking board's filters ride along (?town=&delegation=&grade=), so the file holds what the board shows.
        app.MapGet("/scores/{year:int}/export.{format:regex(^(xlsx|csv)$)}", async (int year, string format, int? town, int? delegation, ScoreGrade? grade,
            HttpContext http, ScoreSheetService sheets, CancellationToken ct) =>
            await GuardedAsync(async () =>
            {
                var buffer = new MemoryStream();
                var xlsx = format == "xlsx";
                await sheets.WriteAsync(CallerAccessor.FromPrincipal(http.User), year, buffer, xlsx ? ScoreSheetFormat.Xlsx : ScoreSheetFormat.Csv,
                    ScoreSheetHeaders.Localized, new RankingFilter(town, delegation, grade), ct);
                buffer.Position = 0;
                return Results.File(buffer, xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
                    $"scores-{year}.{format}");
            })).RequireAuthorization();

        app.MapGet("/duties/import/template.csv", () =>
        {
            var buffer = new MemoryStream();
            DutyLogImportService.WriteCsvTemplate(buffer);
            buffer.Position = 0;
            return Results.File(buffer, "text/csv; charset=utf-8", "duty-log-template.csv");
        }).RequireAuthorization();
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
