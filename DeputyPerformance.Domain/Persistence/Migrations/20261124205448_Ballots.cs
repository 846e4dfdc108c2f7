using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeputyPerformance.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Ballots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConstituentReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeputyId = table.Column<int>(type: "INTEGER", nullable: false),
                    TownId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    PlannedDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LiaisonStationId = table.Column<int>(type: "INTEGER", nullable: true),
                    MinimumAttendance = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Attendance = table.Column<int>(type: "INTEGER", nullable: true),
                    ReportText = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    QuestionsRaised = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    FeedbackToDeputy = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    ResultAnnounced = table.Column<bool>(type: "INTEGER", nullable: false),
                    VoteId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConstituentReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConstituentReports_Deputies_DeputyId",
                        column: x => x.DeputyId,
                        principalTable: "Deputies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // RAW SQL (keep when regenerating): WITHOUT ROWID, because SQLite's hidden rowid would record the order
            // in which ballots were cast, and that order could be matched to the order tokens were used.
            migrationBuilder.Sql(
                "CREATE TABLE \"ElectronicBallots\" (\"Id\" TEXT NOT NULL CONSTRAINT \"PK_ElectronicBallots\" PRIMARY KEY, " +
                "\"VoteId\" INTEGER NOT NULL, \"Option\" TEXT NOT NULL) WITHOUT ROWID;");

            migrationBuilder.CreateTable(
                name: "ExitReviewFlags",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeputyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReferenceId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReasonKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExitReviewFlags", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RectificationPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeputyId = table.Column<int>(type: "INTEGER", nullable: false),
                    ConstituentReportId = table.Column<int>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    SubmittedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectificationPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SatisfactionRuleSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    CompetentFromPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    BasicFromPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    ExitReviewBelowPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    RectificationAbovePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    MinimumAttendance = table.Column<int>(type: "INTEGER", nullable: false),
                    RectificationDueDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DepartmentDenominator = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatisfactionRuleSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SatisfactionVotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    TownId = table.Column<int>(type: "INTEGER", nullable: true),
                    ConstituentReportId = table.Column<int>(type: "INTEGER", nullable: true),
                    ClosesAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Issued = table.Column<int>(type: "INTEGER", nullable: true),
                    Returned = table.Column<int>(type: "INTEGER", nullable: true),
                    Invalid = table.Column<int>(type: "INTEGER", nullable: true),
                    Satisfied = table.Column<int>(type: "INTEGER", nullable: true),
                    BasicallySatisfied = table.Column<int>(type: "INTEGER", nullable: true),
                    Dissatisfied = table.Column<int>(type: "INTEGER", nullable: true),
                    ConfirmedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConfirmedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatisfactionVotes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BallotBoxEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VoteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Box = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EnteredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Issued = table.Column<int>(type: "INTEGER", nullable: false),
                    Returned = table.Column<int>(type: "INTEGER", nullable: false),
                    Invalid = table.Column<int>(type: "INTEGER", nullable: false),
                    Satisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    BasicallySatisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    Dissatisfied = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BallotBoxEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BallotBoxEntries_SatisfactionVotes_VoteId",
                        column: x => x.VoteId,
                        principalTable: "SatisfactionVotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoteCorrections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VoteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Before = table.Column<string>(type: "TEXT", nullable: false),
                    After = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoteCorrections_SatisfactionVotes_VoteId",
                        column: x => x.VoteId,
                        principalTable: "SatisfactionVotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoteTokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VoteId = table.Column<int>(type: "INTEGER", nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Used = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoteTokens_SatisfactionVotes_VoteId",
                        column: x => x.VoteId,
                        principalTable: "SatisfactionVotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BallotBoxEntries_VoteId_Round_Box",
                table: "BallotBoxEntries",
                columns: new[] { "VoteId", "Round", "Box" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConstituentReports_DeputyId_Status",
                table: "ConstituentReports",
                columns: new[] { "DeputyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ConstituentReports_Year_TownId",
                table: "ConstituentReports",
                columns: new[] { "Year", "TownId" });

            migrationBuilder.CreateIndex(
                name: "IX_ElectronicBallots_VoteId",
                table: "ElectronicBallots",
                column: "VoteId");

            migrationBuilder.CreateIndex(
                name: "IX_ExitReviewFlags_DeputyId_Status",
                table: "ExitReviewFlags",
                columns: new[] { "DeputyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ExitReviewFlags_Source_ReferenceId_ReasonKey",
                table: "ExitReviewFlags",
                columns: new[] { "Source", "ReferenceId", "ReasonKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RectificationPlans_ConstituentReportId",
                table: "RectificationPlans",
                column: "ConstituentReportId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RectificationPlans_DeputyId",
                table: "RectificationPlans",
                column: "DeputyId");

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionRuleSets_Year",
                table: "SatisfactionRuleSets",
                column: "Year",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionVotes_ConstituentReportId",
                table: "SatisfactionVotes",
                column: "ConstituentReportId");

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionVotes_Year_Kind_Status",
                table: "SatisfactionVotes",
                columns: new[] { "Year", "Kind", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_VoteCorrections_VoteId",
                table: "VoteCorrections",
                column: "VoteId");

            migrationBuilder.CreateIndex(
                name: "IX_VoteTokens_CodeHash",
                table: "VoteTokens",
                column: "CodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoteTokens_VoteId_Used",
                table: "VoteTokens",
                columns: new[] { "VoteId", "Used" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BallotBoxEntries");

            migrationBuilder.DropTable(
                name: "ConstituentReports");

            migrationBuilder.DropTable(
                name: "ElectronicBallots");

            migrationBuilder.DropTable(
                name: "ExitReviewFlags");

            migrationBuilder.DropTable(
                name: "RectificationPlans");

            migrationBuilder.DropTable(
                name: "SatisfactionRuleSets");

            migrationBuilder.DropTable(
                name: "VoteCorrections");

            migrationBuilder.DropTable(
                name: "VoteTokens");

            migrationBuilder.DropTable(
                name: "SatisfactionVotes");
        }
    }
}
