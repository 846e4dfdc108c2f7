using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeputyPerformance.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Evaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ActiveFrom",
                table: "GovernmentDepartments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ActiveTo",
                table: "GovernmentDepartments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Head",
                table: "GovernmentDepartments",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "GovernmentDepartments",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Constituent");

            // Keep what the registry knew: a vertically managed department keeps that kind, every other is a constituent one.
            migrationBuilder.Sql("UPDATE GovernmentDepartments SET Kind = CASE WHEN IsVerticallyManaged THEN 'VerticallyManaged' ELSE 'Constituent' END;");

            migrationBuilder.DropColumn(
                name: "IsVerticallyManaged",
                table: "GovernmentDepartments");

            migrationBuilder.CreateTable(
                name: "DepartmentEvaluations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    RevoteGrade = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    RectificationRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    RectificationRecommended = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RectificationDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RectificationReportedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    WithdrawnReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    NextDate = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DepartmentEvaluations_GovernmentDepartments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "GovernmentDepartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationRuleSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    MinDepartments = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxDepartments = table.Column<int>(type: "INTEGER", nullable: false),
                    RectificationMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    BasicRecommendsRectification = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationRuleSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EvaluationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    OriginalName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationDocuments_DepartmentEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "DepartmentEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationPhases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EvaluationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    PlannedStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PlannedEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ActualStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ActualEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Responsible = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationPhases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationPhases_DepartmentEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "DepartmentEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationVotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EvaluationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Round = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    VoteId = table.Column<int>(type: "INTEGER", nullable: true),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Members = table.Column<int>(type: "INTEGER", nullable: true),
                    Present = table.Column<int>(type: "INTEGER", nullable: true),
                    Issued = table.Column<int>(type: "INTEGER", nullable: true),
                    Returned = table.Column<int>(type: "INTEGER", nullable: true),
                    Invalid = table.Column<int>(type: "INTEGER", nullable: true),
                    Satisfied = table.Column<int>(type: "INTEGER", nullable: true),
                    BasicallySatisfied = table.Column<int>(type: "INTEGER", nullable: true),
                    Dissatisfied = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationVotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationVotes_DepartmentEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "DepartmentEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentEvaluations_DepartmentId_Year",
                table: "DepartmentEvaluations",
                columns: new[] { "DepartmentId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentEvaluations_Year_DepartmentId",
                table: "DepartmentEvaluations",
                columns: new[] { "Year", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationDocuments_EvaluationId",
                table: "EvaluationDocuments",
                column: "EvaluationId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationPhases_EvaluationId_Phase",
                table: "EvaluationPhases",
                columns: new[] { "EvaluationId", "Phase" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRuleSets_Year",
                table: "EvaluationRuleSets",
                column: "Year",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationVotes_EvaluationId",
                table: "EvaluationVotes",
                column: "EvaluationId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationVotes_VoteId",
                table: "EvaluationVotes",
                column: "VoteId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvaluationDocuments");

            migrationBuilder.DropTable(
                name: "EvaluationPhases");

            migrationBuilder.DropTable(
                name: "EvaluationRuleSets");

            migrationBuilder.DropTable(
                name: "EvaluationVotes");

            migrationBuilder.DropTable(
                name: "DepartmentEvaluations");

            migrationBuilder.DropColumn(
                name: "ActiveFrom",
                table: "GovernmentDepartments");

            migrationBuilder.DropColumn(
                name: "ActiveTo",
                table: "GovernmentDepartments");

            migrationBuilder.DropColumn(
                name: "Head",
                table: "GovernmentDepartments");

            migrationBuilder.AddColumn<bool>(
                name: "IsVerticallyManaged",
                table: "GovernmentDepartments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.Sql("UPDATE GovernmentDepartments SET IsVerticallyManaged = (Kind = 'VerticallyManaged');");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "GovernmentDepartments");
        }
    }
}
