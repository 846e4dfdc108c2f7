using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeputyPerformance.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SuggestionsFeature : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DepartmentId",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SuggestionRuleSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplyMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    ExtendedReplyMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    CoOpinionMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    RehandlingMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxRehandlings = table.Column<int>(type: "INTEGER", nullable: false),
                    DueSoonDays = table.Column<int>(type: "INTEGER", nullable: false),
                    CoSignersEarnDuty = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuggestionRuleSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Suggestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    DeputyId = table.Column<int>(type: "INTEGER", nullable: false),
                    TownId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LeadDepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    AssignedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    IsExtended = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExtensionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Rehandlings = table.Column<int>(type: "INTEGER", nullable: false),
                    UrgeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstRepliedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RepliedOnTime = table.Column<bool>(type: "INTEGER", nullable: true),
                    ReplyCategory = table.Column<string>(type: "TEXT", maxLength: 1, nullable: true),
                    Rating = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    IsKey = table.Column<bool>(type: "INTEGER", nullable: false),
                    Supervisor = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Suggestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Suggestions_Deputies_DeputyId",
                        column: x => x.DeputyId,
                        principalTable: "Deputies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Suggestions_GovernmentDepartments_LeadDepartmentId",
                        column: x => x.LeadDepartmentId,
                        principalTable: "GovernmentDepartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SuggestionCoHandlers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SuggestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    OpinionDue = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Opinion = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    OpinionOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuggestionCoHandlers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SuggestionCoHandlers_GovernmentDepartments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "GovernmentDepartments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SuggestionCoHandlers_Suggestions_SuggestionId",
                        column: x => x.SuggestionId,
                        principalTable: "Suggestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SuggestionCoSigners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SuggestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    DeputyId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuggestionCoSigners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SuggestionCoSigners_Deputies_DeputyId",
                        column: x => x.DeputyId,
                        principalTable: "Deputies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SuggestionCoSigners_Suggestions_SuggestionId",
                        column: x => x.SuggestionId,
                        principalTable: "Suggestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SuggestionEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SuggestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuggestionEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SuggestionEvents_Suggestions_SuggestionId",
                        column: x => x.SuggestionId,
                        principalTable: "Suggestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SuggestionReplies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SuggestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    ContactMethod = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RepliedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RepliedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Rating = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    RatedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VoteId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuggestionReplies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SuggestionReplies_Suggestions_SuggestionId",
                        column: x => x.SuggestionId,
                        principalTable: "Suggestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SuggestionCoHandlers_DepartmentId",
                table: "SuggestionCoHandlers",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_SuggestionCoHandlers_SuggestionId_DepartmentId",
                table: "SuggestionCoHandlers",
                columns: new[] { "SuggestionId", "DepartmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SuggestionCoSigners_DeputyId",
                table: "SuggestionCoSigners",
                column: "DeputyId");

            migrationBuilder.CreateIndex(
                name: "IX_SuggestionCoSigners_SuggestionId_DeputyId",
                table: "SuggestionCoSigners",
                columns: new[] { "SuggestionId", "DeputyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SuggestionEvents_SuggestionId",
                table: "SuggestionEvents",
                column: "SuggestionId");

            migrationBuilder.CreateIndex(
                name: "IX_SuggestionReplies_SuggestionId_Round",
                table: "SuggestionReplies",
                columns: new[] { "SuggestionId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SuggestionRuleSets_Year",
                table: "SuggestionRuleSets",
                column: "Year",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Suggestions_DeputyId_Year",
                table: "Suggestions",
                columns: new[] { "DeputyId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_Suggestions_LeadDepartmentId_Year",
                table: "Suggestions",
                columns: new[] { "LeadDepartmentId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_Suggestions_Year_Number",
                table: "Suggestions",
                columns: new[] { "Year", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Suggestions_Year_Status_DueOn",
                table: "Suggestions",
                columns: new[] { "Year", "Status", "DueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SuggestionCoHandlers");

            migrationBuilder.DropTable(
                name: "SuggestionCoSigners");

            migrationBuilder.DropTable(
                name: "SuggestionEvents");

            migrationBuilder.DropTable(
                name: "SuggestionReplies");

            migrationBuilder.DropTable(
                name: "SuggestionRuleSets");

            migrationBuilder.DropTable(
                name: "Suggestions");

            migrationBuilder.DropColumn(
                name: "DepartmentId",
                table: "AspNetUsers");
        }
    }
}
