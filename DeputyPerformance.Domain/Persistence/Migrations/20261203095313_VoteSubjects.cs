using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeputyPerformance.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class VoteSubjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // RAW SQL (keep when regenerating): codes and ballots get new tables. Tokens are keyed by a keyed hash and
            // ballots hold a sealed option, both WITHOUT ROWID so no hidden row id follows printing or casting order
            // (decision 0011). Codes printed before this version cannot be used: close open electronic votes first.
            migrationBuilder.Sql("DROP TABLE \"ElectronicBallots\";");
            migrationBuilder.Sql(
                "CREATE TABLE \"ElectronicBallots\" (\"Id\" TEXT NOT NULL CONSTRAINT \"PK_ElectronicBallots\" PRIMARY KEY, " +
                "\"VoteId\" INTEGER NOT NULL, \"Sealed\" BLOB NOT NULL) WITHOUT ROWID;");
            migrationBuilder.Sql("CREATE INDEX \"IX_ElectronicBallots_VoteId\" ON \"ElectronicBallots\" (\"VoteId\");");
            migrationBuilder.Sql("DROP TABLE \"VoteTokens\";");
            migrationBuilder.Sql(
                "CREATE TABLE \"VoteTokens\" (\"CodeHash\" TEXT NOT NULL CONSTRAINT \"PK_VoteTokens\" PRIMARY KEY, " +
                "\"VoteId\" INTEGER NOT NULL, \"Used\" INTEGER NOT NULL, " +
                "CONSTRAINT \"FK_VoteTokens_SatisfactionVotes_VoteId\" FOREIGN KEY (\"VoteId\") REFERENCES \"SatisfactionVotes\" (\"Id\") ON DELETE CASCADE) WITHOUT ROWID;");
            migrationBuilder.Sql("CREATE INDEX \"IX_VoteTokens_VoteId_Used\" ON \"VoteTokens\" (\"VoteId\", \"Used\");");

            migrationBuilder.DropIndex(
                name: "IX_SatisfactionVotes_ConstituentReportId",
                table: "SatisfactionVotes");

            migrationBuilder.AddColumn<int>(
                name: "Present",
                table: "SatisfactionVotes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CodesIssued",
                table: "SatisfactionVotes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "SatisfactionVotes",
                type: "TEXT",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Electorate",
                table: "SatisfactionVotes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsCommitteeVote",
                table: "SatisfactionVotes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsVoid",
                table: "SatisfactionVotes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Members",
                table: "SatisfactionVotes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OpenedBy",
                table: "SatisfactionVotes",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SubjectId",
                table: "SatisfactionVotes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Verdict",
                table: "SatisfactionVotes",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RequireSecondEntry",
                table: "SatisfactionRuleSets",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            // Votes so far were all on constituent reports: their report becomes their subject; their verdict is derived
            // with the year's saved thresholds (or the defaults 80 / 50), void when more were returned than issued.
            migrationBuilder.Sql("UPDATE \"SatisfactionVotes\" SET \"SubjectId\" = \"ConstituentReportId\" WHERE \"ConstituentReportId\" IS NOT NULL;");
            migrationBuilder.Sql("UPDATE \"SatisfactionVotes\" SET \"CodesIssued\" = COALESCE(\"Issued\", 0) WHERE \"Mode\" = 'Electronic';");
            migrationBuilder.Sql(
                "UPDATE \"SatisfactionVotes\" SET \"IsVoid\" = (\"Returned\" > \"Issued\"), \"Verdict\" = CASE " +
                "WHEN \"Returned\" > \"Issued\" THEN 'void' " +
                "WHEN \"Returned\" - \"Invalid\" <= 0 THEN 'no-valid-ballots' " +
                "WHEN (\"Satisfied\" + \"BasicallySatisfied\") * 100 >= COALESCE((SELECT r.\"CompetentFromPercent\" FROM \"SatisfactionRuleSets\" r WHERE r.\"Year\" = \"SatisfactionVotes\".\"Year\"), 80) * (\"Returned\" - \"Invalid\") THEN 'competent' " +
                "WHEN (\"Satisfied\" + \"BasicallySatisfied\") * 100 >= COALESCE((SELECT r.\"BasicFromPercent\" FROM \"SatisfactionRuleSets\" r WHERE r.\"Year\" = \"SatisfactionVotes\".\"Year\"), 50) * (\"Returned\" - \"Invalid\") THEN 'basically-competent' " +
                "ELSE 'not-competent' END WHERE \"Status\" = 'Confirmed';");

            migrationBuilder.DropColumn(
                name: "ConstituentReportId",
                table: "SatisfactionVotes");

            migrationBuilder.CreateTable(
                name: "VoteCodeBatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VoteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteCodeBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoteCodeBatches_SatisfactionVotes_VoteId",
                        column: x => x.VoteId,
                        principalTable: "SatisfactionVotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionVotes_Kind_SubjectId",
                table: "SatisfactionVotes",
                columns: new[] { "Kind", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_VoteCodeBatches_VoteId",
                table: "VoteCodeBatches",
                column: "VoteId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Sealed ballots and keyed codes cannot be turned back into the old plain ones: the old tables come back empty.
            migrationBuilder.DropTable(name: "VoteCodeBatches");
            migrationBuilder.Sql("DROP TABLE \"ElectronicBallots\";");
            migrationBuilder.Sql(
                "CREATE TABLE \"ElectronicBallots\" (\"Id\" TEXT NOT NULL CONSTRAINT \"PK_ElectronicBallots\" PRIMARY KEY, " +
                "\"VoteId\" INTEGER NOT NULL, \"Option\" TEXT NOT NULL) WITHOUT ROWID;");
            migrationBuilder.Sql("CREATE INDEX \"IX_ElectronicBallots_VoteId\" ON \"ElectronicBallots\" (\"VoteId\");");
            migrationBuilder.Sql("DROP TABLE \"VoteTokens\";");
            migrationBuilder.Sql(
                "CREATE TABLE \"VoteTokens\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK_VoteTokens\" PRIMARY KEY AUTOINCREMENT, \"VoteId\" INTEGER NOT NULL, " +
                "\"CodeHash\" TEXT NOT NULL, \"Used\" INTEGER NOT NULL, " +
                "CONSTRAINT \"FK_VoteTokens_SatisfactionVotes_VoteId\" FOREIGN KEY (\"VoteId\") REFERENCES \"SatisfactionVotes\" (\"Id\") ON DELETE CASCADE);");
            migrationBuilder.Sql("CREATE UNIQUE INDEX \"IX_VoteTokens_CodeHash\" ON \"VoteTokens\" (\"CodeHash\");");
            migrationBuilder.Sql("CREATE INDEX \"IX_VoteTokens_VoteId_Used\" ON \"VoteTokens\" (\"VoteId\", \"Used\");");
            migrationBuilder.DropIndex(name: "IX_SatisfactionVotes_Kind_SubjectId", table: "SatisfactionVotes");
            migrationBuilder.AddColumn<int>(name: "ConstituentReportId", table: "SatisfactionVotes", type: "INTEGER", nullable: true);
            migrationBuilder.Sql("UPDATE \"SatisfactionVotes\" SET \"ConstituentReportId\" = \"SubjectId\" WHERE \"Kind\" = 'ConstituentReport';");
            foreach (var column in new[] { "CodesIssued", "CreatedBy", "Electorate", "IsCommitteeVote", "IsVoid", "Members", "OpenedBy", "Present", "SubjectId", "Verdict" })
            {
                migrationBuilder.DropColumn(name: column, table: "SatisfactionVotes");
            }

            migrationBuilder.DropColumn(name: "RequireSecondEntry", table: "SatisfactionRuleSets");
            migrationBuilder.CreateIndex(name: "IX_SatisfactionVotes_ConstituentReportId", table: "SatisfactionVotes", column: "ConstituentReportId");
        }
    }
}
