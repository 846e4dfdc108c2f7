using DeputyPerformance.Domain.Auditing;
using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.App.Security;

public static class AuditEndpoints
{
    /// <summary>The audit trail as .xlsx with the grid's filters; the service checks the caller is an administrator.</summary>
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/audit/export.xlsx", async (HttpContext http, AuditService audit, DateOnly? from, DateOnly? to, string? user, string? entity,
            string? action, CancellationToken ct) =>
        {
            try
            {
                var buffer = new MemoryStream();
                await audit.ExportAsync(CallerAccessor.FromPrincipal(http.User), new AuditFilter(from, to, user, entity, action), null, buffer, ct);
                buffer.Position = 0;
                return Results.File(buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"audit-{DateTime.Now:yyyyMMdd}.xlsx");
            }
            catch (AccessDeniedException ex)
            {
                return Results.Text(ex.Message, statusCode: StatusCodes.Status403Forbidden);
            }
        }).RequireAuthorization();
    }
}
