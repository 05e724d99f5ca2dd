using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BenchDashboard.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RubricItemsAndReviewWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Notes",
                table: "RubricVersions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ApprovedBy",
                table: "RubricVersions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAt",
                table: "RubricVersions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "RubricVersions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Imported");

            migrationBuilder.AlterColumn<string>(
                name: "SignedOffBy",
                table: "RubricReviews",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AbandonReason",
                table: "RubricReviews",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AbandonedAt",
                table: "RubricReviews",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AbandonedBy",
                table: "RubricReviews",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "RubricReviews",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "RubricReviews",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Draft");

            migrationBuilder.AddColumn<DateTime>(
                name: "SubmittedAt",
                table: "RubricReviews",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RubricItemDecisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RubricReviewId = table.Column<int>(type: "integer", nullable: false),
                    ItemKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Weight = table.Column<double>(type: "double precision", nullable: true),
                    FailureCategory = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Rationale = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RubricItemDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RubricItemDecisions_RubricReviews_RubricReviewId",
                        column: x => x.RubricReviewId,
                        principalTable: "RubricReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RubricVersionItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RubricVersionId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Weight = table.Column<double>(type: "double precision", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RubricVersionItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RubricVersionItems_RubricVersions_RubricVersionId",
                        column: x => x.RubricVersionId,
                        principalTable: "RubricVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RubricItemDecisions_RubricReviewId_ItemKey",
                table: "RubricItemDecisions",
                columns: new[] { "RubricReviewId", "ItemKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RubricVersionItems_RubricVersionId_Key",
                table: "RubricVersionItems",
                columns: new[] { "RubricVersionId", "Key" },
                unique: true);

            // Decision 0031: versions with an approval were approved, the others came in with a bench run; a review with a
            // sign-off was approved. A version's row time is its approval, else its project's creation.
            migrationBuilder.Sql("""UPDATE "RubricVersions" SET "Status" = CASE WHEN "ApprovedAt" IS NULL THEN 'Imported' ELSE 'Approved' END;""");
            migrationBuilder.Sql("""UPDATE "RubricVersions" SET "CreatedAt" = COALESCE("ApprovedAt", (SELECT p."CreatedAt" FROM "Projects" p WHERE p."Id" = "RubricVersions"."ProjectId"));""");
            migrationBuilder.Sql("""UPDATE "RubricReviews" SET "Status" = CASE WHEN "SignedOffAt" IS NULL THEN 'Draft' ELSE 'Approved' END;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RubricItemDecisions");

            migrationBuilder.DropTable(
                name: "RubricVersionItems");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "RubricVersions");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "RubricVersions");

            migrationBuilder.DropColumn(
                name: "AbandonReason",
                table: "RubricReviews");

            migrationBuilder.DropColumn(
                name: "AbandonedAt",
                table: "RubricReviews");

            migrationBuilder.DropColumn(
                name: "AbandonedBy",
                table: "RubricReviews");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "RubricReviews");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "RubricReviews");

            migrationBuilder.DropColumn(
                name: "SubmittedAt",
                table: "RubricReviews");

            migrationBuilder.AlterColumn<string>(
                name: "Notes",
                table: "RubricVersions",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ApprovedBy",
                table: "RubricVersions",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(256)",
                oldMaxLength: 256,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "SignedOffBy",
                table: "RubricReviews",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(256)",
                oldMaxLength: 256,
                oldNullable: true);
        }
    }
}
