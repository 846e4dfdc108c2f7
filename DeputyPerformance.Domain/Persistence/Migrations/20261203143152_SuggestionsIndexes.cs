using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeputyPerformance.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SuggestionsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Suggestions_Statistics",
                table: "Suggestions",
                columns: new[] { "Year", "LeadDepartmentId", "Status", "RepliedOnTime", "ReplyCategory", "Rating" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Suggestions_Statistics",
                table: "Suggestions");
        }
    }
}
