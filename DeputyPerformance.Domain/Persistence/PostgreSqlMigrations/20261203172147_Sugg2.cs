using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DeputyPerformance.Domain.Persistence.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class Sugg2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "KeyConcludedOn",
                table: "Suggestions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "KeyGrade",
                table: "Suggestions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "KeyPickedAtUtc",
                table: "Suggestions",
                type: "timestamp without time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "KeyPickedBy",
                table: "Suggestions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "KeySatisfactionRate",
                table: "Suggestions",
                type: "numeric(7,4)",
                precision: 7,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "KeyVoteBody",
                table: "Suggestions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "KeyVoteId",
                table: "Suggestions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PlanEnd",
                table: "Suggestions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PlanStart",
                table: "Suggestions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupervisionPlan",
                table: "Suggestions",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SupervisorMemberId",
                table: "Suggestions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsPublished",
                table: "SuggestionReplies",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "PublishedAtUtc",
                table: "SuggestionReplies",
                type: "timestamp without time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedBy",
                table: "SuggestionReplies",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserName",
                table: "CommitteeMembers",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SuggestionAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SuggestionId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReplyRound = table.Column<int>(type: "integer", nullable: true),
                    OriginalName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuggestionAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SuggestionAttachments_Suggestions_SuggestionId",
                        column: x => x.SuggestionId,
                        principalTable: "Suggestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionVisits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SuggestionId = table.Column<int>(type: "integer", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Participants = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionVisits_Suggestions_SuggestionId",
                        column: x => x.SuggestionId,
                        principalTable: "Suggestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Suggestions_SupervisorMemberId",
                table: "Suggestions",
                column: "SupervisorMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_SuggestionReplies_IsPublished_PublishedAtUtc",
                table: "SuggestionReplies",
                columns: new[] { "IsPublished", "PublishedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SuggestionAttachments_StorageKey",
                table: "SuggestionAttachments",
                column: "StorageKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SuggestionAttachments_SuggestionId",
                table: "SuggestionAttachments",
                column: "SuggestionId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionVisits_SuggestionId",
                table: "SupervisionVisits",
                column: "SuggestionId");

            migrationBuilder.AddForeignKey(
                name: "FK_Suggestions_CommitteeMembers_SupervisorMemberId",
                table: "Suggestions",
                column: "SupervisorMemberId",
                principalTable: "CommitteeMembers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Suggestions_CommitteeMembers_SupervisorMemberId",
                table: "Suggestions");

            migrationBuilder.DropTable(
                name: "SuggestionAttachments");

            migrationBuilder.DropTable(
                name: "SupervisionVisits");

            migrationBuilder.DropIndex(
                name: "IX_Suggestions_SupervisorMemberId",
                table: "Suggestions");

            migrationBuilder.DropIndex(
                name: "IX_SuggestionReplies_IsPublished_PublishedAtUtc",
                table: "SuggestionReplies");

            migrationBuilder.DropColumn(
                name: "KeyConcludedOn",
                table: "Suggestions");

            migrationBuilder.DropColumn(
                name: "KeyGrade",
                table: "Suggestions");

            migrationBuilder.DropColumn(
                name: "KeyPickedAtUtc",
                table: "Suggestions");

            migrationBuilder.DropColumn(
                name: "KeyPickedBy",
                table: "Suggestions");

            migrationBuilder.DropColumn(
                name: "KeySatisfactionRate",
                table: "Suggestions");

            migrationBuilder.DropColumn(
                name: "KeyVoteBody",
                table: "Suggestions");

            migrationBuilder.DropColumn(
                name: "KeyVoteId",
                table: "Suggestions");

            migrationBuilder.DropColumn(
                name: "PlanEnd",
                table: "Suggestions");

            migrationBuilder.DropColumn(
                name: "PlanStart",
                table: "Suggestions");

            migrationBuilder.DropColumn(
                name: "SupervisionPlan",
                table: "Suggestions");

            migrationBuilder.DropColumn(
                name: "SupervisorMemberId",
                table: "Suggestions");

            migrationBuilder.DropColumn(
                name: "IsPublished",
                table: "SuggestionReplies");

            migrationBuilder.DropColumn(
                name: "PublishedAtUtc",
                table: "SuggestionReplies");

            migrationBuilder.DropColumn(
                name: "PublishedBy",
                table: "SuggestionReplies");

            migrationBuilder.DropColumn(
                name: "UserName",
                table: "CommitteeMembers");
        }
    }
}
