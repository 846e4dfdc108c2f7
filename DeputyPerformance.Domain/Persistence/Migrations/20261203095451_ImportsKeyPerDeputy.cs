using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeputyPerformance.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ImportsKeyPerDeputy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DutyLogs_ImportKey",
                table: "DutyLogs");

            migrationBuilder.CreateIndex(
                name: "IX_DutyLogs_Deputy_ImportKey",
                table: "DutyLogs",
                columns: new[] { "DeputyId", "ImportKey" },
                unique: true,
                filter: "\"ImportKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DutyLogs_Deputy_ImportKey",
                table: "DutyLogs");

            migrationBuilder.CreateIndex(
                name: "IX_DutyLogs_ImportKey",
                table: "DutyLogs",
                column: "ImportKey",
                unique: true,
                filter: "\"ImportKey\" IS NOT NULL");
        }
    }
}
