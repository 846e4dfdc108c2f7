using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeputyPerformance.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ExitsProcedure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExitReviewFlags");

            migrationBuilder.AddColumn<int>(
                name: "RegisteredVoters",
                table: "ElectoralDistricts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MandateEndReason",
                table: "Deputies",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "MandateEndedOn",
                table: "Deputies",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ExitCases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeputyId = table.Column<int>(type: "INTEGER", nullable: false),
                    TownId = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Ground = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    FlagRule = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OpenedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DefenceDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DefenceText = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DefenceFiledUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExitCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExitCases_Deputies_DeputyId",
                        column: x => x.DeputyId,
                        principalTable: "Deputies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExitDetentions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeputyId = table.Column<int>(type: "INTEGER", nullable: false),
                    DetainedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReleasedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Convicted = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExitDetentions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExitDetentions_Deputies_DeputyId",
                        column: x => x.DeputyId,
                        principalTable: "Deputies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExitFlags",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeputyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    EvidenceRefs = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RaisedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WithdrawnUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WithdrawReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExitFlags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExitFlags_Deputies_DeputyId",
                        column: x => x.DeputyId,
                        principalTable: "Deputies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExitRuleSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    CongressAbsenceCategory = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecessAbsenceCategory = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CongressAbsencesPerTerm = table.Column<int>(type: "INTEGER", nullable: false),
                    RecessAbsencesPerYear = table.Column<int>(type: "INTEGER", nullable: false),
                    PoorYearsInRow = table.Column<int>(type: "INTEGER", nullable: false),
                    WarningTalkPoorYears = table.Column<int>(type: "INTEGER", nullable: false),
                    RecallPetitionCounty = table.Column<int>(type: "INTEGER", nullable: false),
                    RecallPetitionTown = table.Column<int>(type: "INTEGER", nullable: false),
                    DefenceDays = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExitRuleSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExitCaseSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExitCaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    FromState = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    ToState = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Documents = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RuleKey = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExitCaseSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExitCaseSteps_ExitCases_ExitCaseId",
                        column: x => x.ExitCaseId,
                        principalTable: "ExitCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExitCases_DeputyId_State",
                table: "ExitCases",
                columns: new[] { "DeputyId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ExitCases_State_TownId",
                table: "ExitCases",
                columns: new[] { "State", "TownId" });

            migrationBuilder.CreateIndex(
                name: "IX_ExitCaseSteps_ExitCaseId",
                table: "ExitCaseSteps",
                column: "ExitCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ExitDetentions_DeputyId",
                table: "ExitDetentions",
                column: "DeputyId");

            migrationBuilder.CreateIndex(
                name: "IX_ExitFlags_CaseId",
                table: "ExitFlags",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ExitFlags_DeputyId_Rule_Year",
                table: "ExitFlags",
                columns: new[] { "DeputyId", "Rule", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExitFlags_Year_Status",
                table: "ExitFlags",
                columns: new[] { "Year", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ExitRuleSets_Year",
                table: "ExitRuleSets",
                column: "Year",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExitCaseSteps");

            migrationBuilder.DropTable(
                name: "ExitDetentions");

            migrationBuilder.DropTable(
                name: "ExitFlags");

            migrationBuilder.DropTable(
                name: "ExitRuleSets");

            migrationBuilder.DropTable(
                name: "ExitCases");

            migrationBuilder.DropColumn(
                name: "RegisteredVoters",
                table: "ElectoralDistricts");

            migrationBuilder.DropColumn(
                name: "MandateEndReason",
                table: "Deputies");

            migrationBuilder.DropColumn(
                name: "MandateEndedOn",
                table: "Deputies");

            migrationBuilder.CreateTable(
                name: "ExitReviewFlags",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeputyId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReasonKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    ReferenceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExitReviewFlags", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExitReviewFlags_DeputyId_Status",
                table: "ExitReviewFlags",
                columns: new[] { "DeputyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ExitReviewFlags_Source_ReferenceId_ReasonKey",
                table: "ExitReviewFlags",
                columns: new[] { "Source", "ReferenceId", "ReasonKey" },
                unique: true);
        }
    }
}
