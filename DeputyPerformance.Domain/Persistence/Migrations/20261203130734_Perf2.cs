using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeputyPerformance.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Perf2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ScoreSnapshots_Year_Generation_DelegationId_RankDelegation",
                table: "ScoreSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_ScoreSnapshots_Year_Generation_RankCounty",
                table: "ScoreSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_ScoreSnapshots_Year_Generation_TownId_RankTown",
                table: "ScoreSnapshots");

            migrationBuilder.AddColumn<int>(
                name: "Deputies",
                table: "ScoreYearStates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_Year_Generation_DelegationId",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "Generation", "DelegationId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_Year_Generation_TownId",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "Generation", "TownId" });

            migrationBuilder.CreateIndex(
                name: "IX_DeputyYearTotals_Year_DeputyId_CategoryCode_Count",
                table: "DeputyYearTotals",
                columns: new[] { "Year", "DeputyId", "CategoryCode", "Count" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ScoreSnapshots_Year_Generation_DelegationId",
                table: "ScoreSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_ScoreSnapshots_Year_Generation_TownId",
                table: "ScoreSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_DeputyYearTotals_Year_DeputyId_CategoryCode_Count",
                table: "DeputyYearTotals");

            migrationBuilder.DropColumn(
                name: "Deputies",
                table: "ScoreYearStates");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_Year_Generation_DelegationId_RankDelegation",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "Generation", "DelegationId", "RankDelegation" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_Year_Generation_RankCounty",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "Generation", "RankCounty" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_Year_Generation_TownId_RankTown",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "Generation", "TownId", "RankTown" });
        }
    }
}
