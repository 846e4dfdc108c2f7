using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeputyPerformance.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Duties : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DutyImportBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    FileSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RowsRead = table.Column<int>(type: "INTEGER", nullable: false),
                    Imported = table.Column<int>(type: "INTEGER", nullable: false),
                    Duplicates = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DutyImportBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DutyLogs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeputyId = table.Column<int>(type: "INTEGER", nullable: false),
                    TownId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryCode = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 1),
                    LiaisonStationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Place = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 15, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ImportKey = table.Column<string>(type: "TEXT", maxLength: 67, nullable: true),
                    ImportBatchId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DutyLogs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DutyLogs_Deputies_DeputyId",
                        column: x => x.DeputyId,
                        principalTable: "Deputies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DutyLogs_LiaisonStations_LiaisonStationId",
                        column: x => x.LiaisonStationId,
                        principalTable: "LiaisonStations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DutyLogs_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScoreSnapshots",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    DeputyId = table.Column<int>(type: "INTEGER", nullable: false),
                    TermId = table.Column<int>(type: "INTEGER", nullable: false),
                    TownId = table.Column<int>(type: "INTEGER", nullable: false),
                    DelegationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    RankCounty = table.Column<int>(type: "INTEGER", nullable: false),
                    RankTown = table.Column<int>(type: "INTEGER", nullable: false),
                    RankDelegation = table.Column<int>(type: "INTEGER", nullable: true),
                    ExitAbsences = table.Column<int>(type: "INTEGER", nullable: false),
                    Breakdown = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreSnapshots", x => new { x.Year, x.DeputyId });
                    table.ForeignKey(
                        name: "FK_ScoreSnapshots_Deputies_DeputyId",
                        column: x => x.DeputyId,
                        principalTable: "Deputies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScoreYearStates",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    IsStale = table.Column<bool>(type: "INTEGER", nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreYearStates", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "ScoringRuleSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    BaseScore = table.Column<int>(type: "INTEGER", nullable: false),
                    GoodFrom = table.Column<int>(type: "INTEGER", nullable: false),
                    FairFrom = table.Column<int>(type: "INTEGER", nullable: false),
                    ShortlistPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    ShortlistRounding = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoringRuleSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ShortlistDecisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    DeputyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShortlistDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShortlistDecisions_Deputies_DeputyId",
                        column: x => x.DeputyId,
                        principalTable: "Deputies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceFiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DutyLogId = table.Column<long>(type: "INTEGER", nullable: false),
                    OriginalName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidenceFiles_DutyLogs_DutyLogId",
                        column: x => x.DutyLogId,
                        principalTable: "DutyLogs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RuleCategories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RuleSetId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    Cap = table.Column<int>(type: "INTEGER", nullable: true),
                    CountsForExit = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RuleCategories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RuleCategories_ScoringRuleSets_RuleSetId",
                        column: x => x.RuleSetId,
                        principalTable: "ScoringRuleSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DutyImportBatches_AtUtc",
                table: "DutyImportBatches",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_DutyLogs_Date",
                table: "DutyLogs",
                columns: new[] { "Date", "CategoryCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DutyLogs_Deputy_Date",
                table: "DutyLogs",
                columns: new[] { "DeputyId", "Date", "CategoryCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DutyLogs_ImportKey",
                table: "DutyLogs",
                column: "ImportKey",
                unique: true,
                filter: "\"ImportKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DutyLogs_LiaisonStationId",
                table: "DutyLogs",
                column: "LiaisonStationId",
                filter: "\"LiaisonStationId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DutyLogs_Pending",
                table: "DutyLogs",
                columns: new[] { "TownId", "Date" },
                filter: "\"Status\" = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_DutyLogs_Scoring",
                table: "DutyLogs",
                columns: new[] { "Year", "DeputyId", "CategoryCode", "Count" },
                filter: "\"Status\" = 'Approved'");

            migrationBuilder.CreateIndex(
                name: "IX_DutyLogs_Town_Date",
                table: "DutyLogs",
                columns: new[] { "TownId", "Date", "CategoryCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_DutyLogId",
                table: "EvidenceFiles",
                column: "DutyLogId");

            migrationBuilder.CreateIndex(
                name: "IX_RuleCategories_RuleSetId_Code",
                table: "RuleCategories",
                columns: new[] { "RuleSetId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_DeputyId",
                table: "ScoreSnapshots",
                column: "DeputyId");

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

            migrationBuilder.CreateIndex(
                name: "IX_ScoringRuleSets_Year",
                table: "ScoringRuleSets",
                column: "Year",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShortlistDecisions_DeputyId",
                table: "ShortlistDecisions",
                column: "DeputyId");

            migrationBuilder.CreateIndex(
                name: "IX_ShortlistDecisions_Year_DeputyId",
                table: "ShortlistDecisions",
                columns: new[] { "Year", "DeputyId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DutyImportBatches");

            migrationBuilder.DropTable(
                name: "EvidenceFiles");

            migrationBuilder.DropTable(
                name: "RuleCategories");

            migrationBuilder.DropTable(
                name: "ScoreSnapshots");

            migrationBuilder.DropTable(
                name: "ScoreYearStates");

            migrationBuilder.DropTable(
                name: "ShortlistDecisions");

            migrationBuilder.DropTable(
                name: "DutyLogs");

            migrationBuilder.DropTable(
                name: "ScoringRuleSets");
        }
    }
}
