using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeputyPerformance.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Exits2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExitAbsences",
                table: "ScoreSnapshots");

            migrationBuilder.DropColumn(
                name: "CountsForExit",
                table: "RuleCategories");

            migrationBuilder.CreateTable(
                name: "ExitCaseDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExitCaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    StepId = table.Column<long>(type: "INTEGER", nullable: false),
                    OriginalName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExitCaseDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExitCaseDocuments_ExitCaseSteps_StepId",
                        column: x => x.StepId,
                        principalTable: "ExitCaseSteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ExitCaseDocuments_ExitCases_ExitCaseId",
                        column: x => x.ExitCaseId,
                        principalTable: "ExitCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RecipientDeputyId = table.Column<int>(type: "INTEGER", nullable: true),
                    RecipientRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    RecipientTownId = table.Column<int>(type: "INTEGER", nullable: true),
                    DeputyId = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true),
                    FlagId = table.Column<int>(type: "INTEGER", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReadBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_Deputies_DeputyId",
                        column: x => x.DeputyId,
                        principalTable: "Deputies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DutyLogs_Category_Deputy",
                table: "DutyLogs",
                columns: new[] { "CategoryCode", "DeputyId", "Status", "Date", "Count" },
                filter: "\"Status\" = 'Approved'");

            migrationBuilder.CreateIndex(
                name: "IX_DeputyYearTotals_CategoryCode_DeputyId_Year_Count",
                table: "DeputyYearTotals",
                columns: new[] { "CategoryCode", "DeputyId", "Year", "Count" });

            migrationBuilder.CreateIndex(
                name: "IX_ExitCaseDocuments_ExitCaseId",
                table: "ExitCaseDocuments",
                column: "ExitCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ExitCaseDocuments_StepId",
                table: "ExitCaseDocuments",
                column: "StepId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_CaseId_Kind",
                table: "Notifications",
                columns: new[] { "CaseId", "Kind" },
                unique: true,
                filter: "\"Kind\" = 'DefenceDue'");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_DeputyId",
                table: "Notifications",
                column: "DeputyId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_FlagId",
                table: "Notifications",
                column: "FlagId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientDeputyId_ReadUtc_CreatedUtc",
                table: "Notifications",
                columns: new[] { "RecipientDeputyId", "ReadUtc", "CreatedUtc" },
                filter: "\"RecipientDeputyId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientRole_RecipientTownId_ReadUtc_CreatedUtc",
                table: "Notifications",
                columns: new[] { "RecipientRole", "RecipientTownId", "ReadUtc", "CreatedUtc" },
                filter: "\"RecipientRole\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExitCaseDocuments");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_DutyLogs_Category_Deputy",
                table: "DutyLogs");

            migrationBuilder.DropIndex(
                name: "IX_DeputyYearTotals_CategoryCode_DeputyId_Year_Count",
                table: "DeputyYearTotals");

            migrationBuilder.AddColumn<int>(
                name: "ExitAbsences",
                table: "ScoreSnapshots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "CountsForExit",
                table: "RuleCategories",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }
    }
}
