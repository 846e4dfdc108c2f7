using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DeputyPerformance.Domain.Persistence.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class PostgreSqlInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: true),
                    DeputyId = table.Column<int>(type: "integer", nullable: true),
                    DepartmentId = table.Column<int>(type: "integer", nullable: true),
                    IsDisabled = table.Column<bool>(type: "boolean", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EntityType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EntityId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Changes = table.Column<string>(type: "text", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Delegations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Delegations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DutyImportBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    RowsRead = table.Column<int>(type: "integer", nullable: false),
                    Imported = table.Column<int>(type: "integer", nullable: false),
                    Duplicates = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DutyImportBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ElectronicBallots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VoteId = table.Column<int>(type: "integer", nullable: false),
                    Sealed = table.Column<byte[]>(type: "bytea", maxLength: 29, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ElectronicBallots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationRuleSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    MinDepartments = table.Column<int>(type: "integer", nullable: false),
                    MaxDepartments = table.Column<int>(type: "integer", nullable: false),
                    RectificationMonths = table.Column<int>(type: "integer", nullable: false),
                    BasicRecommendsRectification = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationRuleSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExitRuleSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    CongressAbsenceCategory = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecessAbsenceCategory = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CongressAbsencesPerTerm = table.Column<int>(type: "integer", nullable: false),
                    RecessAbsencesPerYear = table.Column<int>(type: "integer", nullable: false),
                    PoorYearsInRow = table.Column<int>(type: "integer", nullable: false),
                    WarningTalkPoorYears = table.Column<int>(type: "integer", nullable: false),
                    RecallPetitionCounty = table.Column<int>(type: "integer", nullable: false),
                    RecallPetitionTown = table.Column<int>(type: "integer", nullable: false),
                    DefenceDays = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExitRuleSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GovernmentDepartments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Head = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ActiveFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ActiveTo = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GovernmentDepartments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RectificationPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeputyId = table.Column<int>(type: "integer", nullable: false),
                    ConstituentReportId = table.Column<int>(type: "integer", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    SubmittedUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectificationPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SatisfactionRuleSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    CompetentFromPercent = table.Column<int>(type: "integer", nullable: false),
                    BasicFromPercent = table.Column<int>(type: "integer", nullable: false),
                    ExitReviewBelowPercent = table.Column<int>(type: "integer", nullable: false),
                    RectificationAbovePercent = table.Column<int>(type: "integer", nullable: false),
                    MinimumAttendance = table.Column<int>(type: "integer", nullable: false),
                    RectificationDueDays = table.Column<int>(type: "integer", nullable: false),
                    DepartmentDenominator = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RequireSecondEntry = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatisfactionRuleSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SatisfactionVotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SubjectId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Mode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: true),
                    Electorate = table.Column<int>(type: "integer", nullable: true),
                    IsCommitteeVote = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OpenedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CodesIssued = table.Column<int>(type: "integer", nullable: false),
                    ClosesAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    Issued = table.Column<int>(type: "integer", nullable: true),
                    Returned = table.Column<int>(type: "integer", nullable: true),
                    Invalid = table.Column<int>(type: "integer", nullable: true),
                    Satisfied = table.Column<int>(type: "integer", nullable: true),
                    BasicallySatisfied = table.Column<int>(type: "integer", nullable: true),
                    Dissatisfied = table.Column<int>(type: "integer", nullable: true),
                    Members = table.Column<int>(type: "integer", nullable: true),
                    Present = table.Column<int>(type: "integer", nullable: true),
                    IsVoid = table.Column<bool>(type: "boolean", nullable: false),
                    Verdict = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ConfirmedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConfirmedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatisfactionVotes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScoreChanges",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    DeputyId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreChanges", x => new { x.Year, x.DeputyId });
                });

            migrationBuilder.CreateTable(
                name: "ScoreYearStates",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    IsStale = table.Column<bool>(type: "boolean", nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    Generation = table.Column<int>(type: "integer", nullable: false),
                    StaleVersion = table.Column<int>(type: "integer", nullable: false),
                    RebuildStartedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    Deputies = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreYearStates", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "ScoringRuleSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    BaseScore = table.Column<int>(type: "integer", nullable: false),
                    GoodFrom = table.Column<int>(type: "integer", nullable: false),
                    FairFrom = table.Column<int>(type: "integer", nullable: false),
                    ShortlistPercent = table.Column<int>(type: "integer", nullable: false),
                    ShortlistRounding = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoringRuleSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SuggestionRuleSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ReplyMonths = table.Column<int>(type: "integer", nullable: false),
                    ExtendedReplyMonths = table.Column<int>(type: "integer", nullable: false),
                    CoOpinionMonths = table.Column<int>(type: "integer", nullable: false),
                    RehandlingMonths = table.Column<int>(type: "integer", nullable: false),
                    MaxRehandlings = table.Column<int>(type: "integer", nullable: false),
                    DueSoonDays = table.Column<int>(type: "integer", nullable: false),
                    CoSignersEarnDuty = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuggestionRuleSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Terms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartYear = table.Column<int>(type: "integer", nullable: false),
                    EndYear = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Terms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Towns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Towns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DepartmentEvaluations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Phase = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Grade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    RevoteGrade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    RectificationRequired = table.Column<bool>(type: "boolean", nullable: false),
                    RectificationRecommended = table.Column<bool>(type: "boolean", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RectificationDue = table.Column<DateOnly>(type: "date", nullable: true),
                    RectificationReportedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    WithdrawnReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    NextDate = table.Column<DateOnly>(type: "date", nullable: true)
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
                name: "BallotBoxEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VoteId = table.Column<int>(type: "integer", nullable: false),
                    Box = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    EnteredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    EnteredAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    Issued = table.Column<int>(type: "integer", nullable: false),
                    Returned = table.Column<int>(type: "integer", nullable: false),
                    Invalid = table.Column<int>(type: "integer", nullable: false),
                    Satisfied = table.Column<int>(type: "integer", nullable: false),
                    BasicallySatisfied = table.Column<int>(type: "integer", nullable: false),
                    Dissatisfied = table.Column<int>(type: "integer", nullable: false)
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
                name: "VoteCodeBatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VoteId = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "VoteCorrections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VoteId = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    Before = table.Column<string>(type: "text", nullable: false),
                    After = table.Column<string>(type: "text", nullable: false)
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
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    VoteId = table.Column<int>(type: "integer", nullable: false),
                    Used = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteTokens", x => x.CodeHash);
                    table.ForeignKey(
                        name: "FK_VoteTokens_SatisfactionVotes_VoteId",
                        column: x => x.VoteId,
                        principalTable: "SatisfactionVotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RuleCategories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RuleSetId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false),
                    Cap = table.Column<int>(type: "integer", nullable: true),
                    CountsForExit = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "CommitteeMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TermId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Position = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitteeMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommitteeMembers_Terms_TermId",
                        column: x => x.TermId,
                        principalTable: "Terms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ElectoralDistricts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: false),
                    RegisteredVoters = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ElectoralDistricts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ElectoralDistricts_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LiaisonStations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiaisonStations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LiaisonStations_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EvaluationId = table.Column<int>(type: "integer", nullable: false),
                    Phase = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EvaluationId = table.Column<int>(type: "integer", nullable: false),
                    Phase = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    PlannedStart = table.Column<DateOnly>(type: "date", nullable: true),
                    PlannedEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    ActualStart = table.Column<DateOnly>(type: "date", nullable: true),
                    ActualEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    Responsible = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EvaluationId = table.Column<int>(type: "integer", nullable: false),
                    Round = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    VoteId = table.Column<int>(type: "integer", nullable: true),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Members = table.Column<int>(type: "integer", nullable: true),
                    Present = table.Column<int>(type: "integer", nullable: true),
                    Issued = table.Column<int>(type: "integer", nullable: true),
                    Returned = table.Column<int>(type: "integer", nullable: true),
                    Invalid = table.Column<int>(type: "integer", nullable: true),
                    Satisfied = table.Column<int>(type: "integer", nullable: true),
                    BasicallySatisfied = table.Column<int>(type: "integer", nullable: true),
                    Dissatisfied = table.Column<int>(type: "integer", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "Deputies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TermId = table.Column<int>(type: "integer", nullable: false),
                    DeputyNumber = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Gender = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: false),
                    ElectoralDistrictId = table.Column<int>(type: "integer", nullable: true),
                    DelegationId = table.Column<int>(type: "integer", nullable: true),
                    LiaisonStationId = table.Column<int>(type: "integer", nullable: true),
                    Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    StatusSince = table.Column<DateOnly>(type: "date", nullable: true),
                    IsStateOrganLeader = table.Column<bool>(type: "boolean", nullable: false),
                    MandateEndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    MandateEndReason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deputies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Deputies_Delegations_DelegationId",
                        column: x => x.DelegationId,
                        principalTable: "Delegations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Deputies_ElectoralDistricts_ElectoralDistrictId",
                        column: x => x.ElectoralDistrictId,
                        principalTable: "ElectoralDistricts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Deputies_LiaisonStations_LiaisonStationId",
                        column: x => x.LiaisonStationId,
                        principalTable: "LiaisonStations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Deputies_Terms_TermId",
                        column: x => x.TermId,
                        principalTable: "Terms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Deputies_Towns_TownId",
                        column: x => x.TownId,
                        principalTable: "Towns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConstituentReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeputyId = table.Column<int>(type: "integer", nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    PlannedDate = table.Column<DateOnly>(type: "date", nullable: false),
                    LiaisonStationId = table.Column<int>(type: "integer", nullable: true),
                    MinimumAttendance = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Attendance = table.Column<int>(type: "integer", nullable: true),
                    ReportText = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    QuestionsRaised = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    FeedbackToDeputy = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    ResultAnnounced = table.Column<bool>(type: "boolean", nullable: false),
                    VoteId = table.Column<int>(type: "integer", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "DeputyYearTotals",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    DeputyId = table.Column<int>(type: "integer", nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
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
                name: "DutyLogs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeputyId = table.Column<int>(type: "integer", nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false, defaultValue: 1),
                    LiaisonStationId = table.Column<int>(type: "integer", nullable: true),
                    Place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Source = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RejectionReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    ReviewedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    ExternalId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ImportKey = table.Column<string>(type: "character varying(67)", maxLength: 67, nullable: true),
                    ImportBatchId = table.Column<long>(type: "bigint", nullable: true)
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
                name: "ExitCases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeputyId = table.Column<int>(type: "integer", nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Ground = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    FlagRule = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    State = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OpenedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OpenedUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    DefenceDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DefenceText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DefenceFiledUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    ClosedUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    EffectiveOn = table.Column<DateOnly>(type: "date", nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeputyId = table.Column<int>(type: "integer", nullable: false),
                    DetainedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReleasedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Convicted = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeputyId = table.Column<int>(type: "integer", nullable: false),
                    Rule = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Tier = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    EvidenceRefs = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RaisedUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    WithdrawnUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    WithdrawReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CaseId = table.Column<int>(type: "integer", nullable: true)
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
                name: "ScoreSnapshots",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Generation = table.Column<int>(type: "integer", nullable: false),
                    DeputyId = table.Column<int>(type: "integer", nullable: false),
                    TermId = table.Column<int>(type: "integer", nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: false),
                    DelegationId = table.Column<int>(type: "integer", nullable: true),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Grade = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    RankCounty = table.Column<int>(type: "integer", nullable: false),
                    RankTown = table.Column<int>(type: "integer", nullable: false),
                    RankDelegation = table.Column<int>(type: "integer", nullable: true),
                    ExitAbsences = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreSnapshots", x => new { x.Year, x.Generation, x.DeputyId });
                    table.ForeignKey(
                        name: "FK_ScoreSnapshots_Deputies_DeputyId",
                        column: x => x.DeputyId,
                        principalTable: "Deputies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ShortlistDecisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    DeputyId = table.Column<int>(type: "integer", nullable: false),
                    Decision = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
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
                name: "Suggestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    DeputyId = table.Column<int>(type: "integer", nullable: false),
                    TownId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Content = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Field = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SubmittedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReturnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReviewedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LeadDepartmentId = table.Column<int>(type: "integer", nullable: true),
                    AssignedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    IsExtended = table.Column<bool>(type: "boolean", nullable: false),
                    ExtensionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Rehandlings = table.Column<int>(type: "integer", nullable: false),
                    UrgeCount = table.Column<int>(type: "integer", nullable: false),
                    FirstRepliedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RepliedOnTime = table.Column<bool>(type: "boolean", nullable: true),
                    ReplyCategory = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    Rating = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    IsKey = table.Column<bool>(type: "boolean", nullable: false),
                    Supervisor = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
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
                name: "EvidenceFiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DutyLogId = table.Column<long>(type: "bigint", nullable: false),
                    OriginalName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
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
                name: "ExitCaseSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ExitCaseId = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    FromState = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    ToState = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Documents = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RuleKey = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true)
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

            migrationBuilder.CreateTable(
                name: "SuggestionCoHandlers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SuggestionId = table.Column<int>(type: "integer", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: false),
                    OpinionDue = table.Column<DateOnly>(type: "date", nullable: false),
                    Opinion = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    OpinionOn = table.Column<DateOnly>(type: "date", nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SuggestionId = table.Column<int>(type: "integer", nullable: false),
                    DeputyId = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SuggestionId = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SuggestionId = table.Column<int>(type: "integer", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    ContactMethod = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RepliedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RepliedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Rating = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    RatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    VoteId = table.Column<int>(type: "integer", nullable: true)
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
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_AtUtc",
                table: "AuditEntries",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_AtUtc",
                table: "AuditEntries",
                columns: new[] { "EntityType", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_EntityId",
                table: "AuditEntries",
                columns: new[] { "EntityType", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UserName_AtUtc",
                table: "AuditEntries",
                columns: new[] { "UserName", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_BallotBoxEntries_VoteId_Round_Box",
                table: "BallotBoxEntries",
                columns: new[] { "VoteId", "Round", "Box" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeMembers_TermId_Name",
                table: "CommitteeMembers",
                columns: new[] { "TermId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_ConstituentReports_DeputyId_Status",
                table: "ConstituentReports",
                columns: new[] { "DeputyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ConstituentReports_Year_TownId",
                table: "ConstituentReports",
                columns: new[] { "Year", "TownId" });

            migrationBuilder.CreateIndex(
                name: "IX_Delegations_Name",
                table: "Delegations",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentEvaluations_DepartmentId_Year",
                table: "DepartmentEvaluations",
                columns: new[] { "DepartmentId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentEvaluations_Year_DepartmentId",
                table: "DepartmentEvaluations",
                columns: new[] { "Year", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_Deputies_DelegationId",
                table: "Deputies",
                column: "DelegationId");

            migrationBuilder.CreateIndex(
                name: "IX_Deputies_DeputyNumber",
                table: "Deputies",
                column: "DeputyNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Deputies_ElectoralDistrictId",
                table: "Deputies",
                column: "ElectoralDistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_Deputies_LiaisonStationId",
                table: "Deputies",
                column: "LiaisonStationId");

            migrationBuilder.CreateIndex(
                name: "IX_Deputies_Name",
                table: "Deputies",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Deputies_TermId_DeputyNumber",
                table: "Deputies",
                columns: new[] { "TermId", "DeputyNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deputies_TownId_Name",
                table: "Deputies",
                columns: new[] { "TownId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_DeputyYearTotals_DeputyId_Year",
                table: "DeputyYearTotals",
                columns: new[] { "DeputyId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_DeputyYearTotals_Year_DeputyId_CategoryCode_Count",
                table: "DeputyYearTotals",
                columns: new[] { "Year", "DeputyId", "CategoryCode", "Count" });

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
                name: "IX_DutyLogs_Deputy_ImportKey",
                table: "DutyLogs",
                columns: new[] { "DeputyId", "ImportKey" },
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
                name: "IX_ElectoralDistricts_Name",
                table: "ElectoralDistricts",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_ElectoralDistricts_TownId_Name",
                table: "ElectoralDistricts",
                columns: new[] { "TownId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ElectronicBallots_VoteId",
                table: "ElectronicBallots",
                column: "VoteId");

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

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_DutyLogId",
                table: "EvidenceFiles",
                column: "DutyLogId");

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

            migrationBuilder.CreateIndex(
                name: "IX_GovernmentDepartments_Name",
                table: "GovernmentDepartments",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonStations_Name",
                table: "LiaisonStations",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonStations_TownId_Name",
                table: "LiaisonStations",
                columns: new[] { "TownId", "Name" },
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
                name: "IX_RuleCategories_RuleSetId_Code",
                table: "RuleCategories",
                columns: new[] { "RuleSetId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionRuleSets_Year",
                table: "SatisfactionRuleSets",
                column: "Year",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionVotes_Kind_SubjectId",
                table: "SatisfactionVotes",
                columns: new[] { "Kind", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionVotes_Year_Kind_Status",
                table: "SatisfactionVotes",
                columns: new[] { "Year", "Kind", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_DeputyId",
                table: "ScoreSnapshots",
                column: "DeputyId");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_Year_Generation_DelegationId",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "Generation", "DelegationId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_Year_Generation_Score",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "Generation", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSnapshots_Year_Generation_TownId",
                table: "ScoreSnapshots",
                columns: new[] { "Year", "Generation", "TownId" });

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
                name: "IX_Suggestions_Statistics",
                table: "Suggestions",
                columns: new[] { "Year", "LeadDepartmentId", "Status", "RepliedOnTime", "ReplyCategory", "Rating" });

            migrationBuilder.CreateIndex(
                name: "IX_Suggestions_Year_Number",
                table: "Suggestions",
                columns: new[] { "Year", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Suggestions_Year_Status_DueOn",
                table: "Suggestions",
                columns: new[] { "Year", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Terms_Name",
                table: "Terms",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Towns_Name",
                table: "Towns",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoteCodeBatches_VoteId",
                table: "VoteCodeBatches",
                column: "VoteId");

            migrationBuilder.CreateIndex(
                name: "IX_VoteCorrections_VoteId",
                table: "VoteCorrections",
                column: "VoteId");

            migrationBuilder.CreateIndex(
                name: "IX_VoteTokens_VoteId_Used",
                table: "VoteTokens",
                columns: new[] { "VoteId", "Used" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "BallotBoxEntries");

            migrationBuilder.DropTable(
                name: "CommitteeMembers");

            migrationBuilder.DropTable(
                name: "ConstituentReports");

            migrationBuilder.DropTable(
                name: "DeputyYearTotals");

            migrationBuilder.DropTable(
                name: "DutyImportBatches");

            migrationBuilder.DropTable(
                name: "ElectronicBallots");

            migrationBuilder.DropTable(
                name: "EvaluationDocuments");

            migrationBuilder.DropTable(
                name: "EvaluationPhases");

            migrationBuilder.DropTable(
                name: "EvaluationRuleSets");

            migrationBuilder.DropTable(
                name: "EvaluationVotes");

            migrationBuilder.DropTable(
                name: "EvidenceFiles");

            migrationBuilder.DropTable(
                name: "ExitCaseSteps");

            migrationBuilder.DropTable(
                name: "ExitDetentions");

            migrationBuilder.DropTable(
                name: "ExitFlags");

            migrationBuilder.DropTable(
                name: "ExitRuleSets");

            migrationBuilder.DropTable(
                name: "RectificationPlans");

            migrationBuilder.DropTable(
                name: "RuleCategories");

            migrationBuilder.DropTable(
                name: "SatisfactionRuleSets");

            migrationBuilder.DropTable(
                name: "ScoreChanges");

            migrationBuilder.DropTable(
                name: "ScoreSnapshots");

            migrationBuilder.DropTable(
                name: "ScoreYearStates");

            migrationBuilder.DropTable(
                name: "ShortlistDecisions");

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
                name: "VoteCodeBatches");

            migrationBuilder.DropTable(
                name: "VoteCorrections");

            migrationBuilder.DropTable(
                name: "VoteTokens");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "DepartmentEvaluations");

            migrationBuilder.DropTable(
                name: "DutyLogs");

            migrationBuilder.DropTable(
                name: "ExitCases");

            migrationBuilder.DropTable(
                name: "ScoringRuleSets");

            migrationBuilder.DropTable(
                name: "Suggestions");

            migrationBuilder.DropTable(
                name: "SatisfactionVotes");

            migrationBuilder.DropTable(
                name: "Deputies");

            migrationBuilder.DropTable(
                name: "GovernmentDepartments");

            migrationBuilder.DropTable(
                name: "Delegations");

            migrationBuilder.DropTable(
                name: "ElectoralDistricts");

            migrationBuilder.DropTable(
                name: "LiaisonStations");

            migrationBuilder.DropTable(
                name: "Terms");

            migrationBuilder.DropTable(
                name: "Towns");
        }
    }
}
