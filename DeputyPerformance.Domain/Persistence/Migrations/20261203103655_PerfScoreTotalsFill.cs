using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeputyPerformance.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PerfScoreTotalsFill : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // RAW SQL (data only, apart from the schema change so no table rebuild is pending): an existing database
            // gets its yearly totals from its approved logs, and every year is recomputed from them on its next read.
            migrationBuilder.Sql("DELETE FROM ScoreSnapshots;");
            migrationBuilder.Sql("DELETE FROM DeputyYearTotals;");
            migrationBuilder.Sql("""
                INSERT INTO DeputyYearTotals (Year, DeputyId, CategoryCode, Count)
                SELECT Year, DeputyId, CategoryCode, SUM(Count) FROM DutyLogs WHERE Status = 'Approved'
                GROUP BY Year, DeputyId, CategoryCode;
                """);
            migrationBuilder.Sql("UPDATE ScoreYearStates SET IsStale = 1, Generation = 0, StaleVersion = StaleVersion + 1, RebuildStartedAtUtc = NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM DeputyYearTotals;");
        }
    }
}
