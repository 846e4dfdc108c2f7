using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeputyPerformance.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PerfScoreTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_ScoreSnapshots",
                table: "ScoreSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_ScoreSnapshots_Year_DelegationId_RankDelegation",
                table: "ScoreSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_ScoreSnapshots_Year_RankCounty",
                table: "ScoreSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_ScoreSnapshots_Year_TownId_RankTown",
                table: "ScoreSnapshots");

            migrationBuilder.DropColumn(
                name: "Breakdown",
                table: "ScoreSnapshots");

            migrationBuilder.AddColumn<int>(
                name: "Generation",
                table: "ScoreYearStates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "RebuildStartedAtUtc",
                table: "ScoreYearStates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StaleVersion",
                table: "ScoreYearStates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Generation",
                table: "ScoreSnapshots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_ScoreSnapshots",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "Generation", "DeputyId" });

            migrationBuilder.CreateTable(
                name: "DeputyYearTotals",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    DeputyId = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeputyYearTotals", x => new { x.Year, x.DeputyId, x.CategoryCode });
                    table.ForeignKey(
                        name: "FK_DeputyYearTotals_Deputies_DeputyId",
                        column: x => x.DeputyId,
                        principalTable: "Deputies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScoreChanges",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    DeputyId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreChanges", x => new { x.Year, x.DeputyId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_Year_Generation_DelegationId_RankDelegation",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "Generation", "DelegationId", "RankDelegation" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_Year_Generation_RankCounty",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "Generation", "RankCounty" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_Year_Generation_Score",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "Generation", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_Year_Generation_TownId_RankTown",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "Generation", "TownId", "RankTown" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_AtUtc",
                table: "AuditEntries",
                columns: new[] { "EntityType", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DeputyYearTotals_DeputyId_Year",
                table: "DeputyYearTotals",
                columns: new[] { "DeputyId", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeputyYearTotals");

            migrationBuilder.DropTable(
                name: "ScoreChanges");

            migrationBuilder.DropPrimaryKey(
                name: "PK_ScoreSnapshots",
                table: "ScoreSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_ScoreSnapshots_Year_Generation_DelegationId_RankDelegation",
                table: "ScoreSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_ScoreSnapshots_Year_Generation_RankCounty",
                table: "ScoreSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_ScoreSnapshots_Year_Generation_Score",
                table: "ScoreSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_ScoreSnapshots_Year_Generation_TownId_RankTown",
                table: "ScoreSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_EntityType_AtUtc",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Generation",
                table: "ScoreYearStates");

            migrationBuilder.DropColumn(
                name: "RebuildStartedAtUtc",
                table: "ScoreYearStates");

            migrationBuilder.DropColumn(
                name: "StaleVersion",
                table: "ScoreYearStates");

            migrationBuilder.DropColumn(
                name: "Generation",
                table: "ScoreSnapshots");

            migrationBuilder.AddColumn<string>(
                name: "Breakdown",
                table: "ScoreSnapshots",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_ScoreSnapshots",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "DeputyId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_Year_DelegationId_RankDelegation",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "DelegationId", "RankDelegation" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_Year_RankCounty",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "RankCounty" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_Year_TownId_RankTown",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "TownId", "RankTown" });
        }
    }
}
