using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BenchDashboard.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class UpgradeCaseDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "UpgradeAudits",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "UpgradeCaseDecisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UpgradeAuditId = table.Column<int>(type: "integer", nullable: false),
                    BenchCaseId = table.Column<int>(type: "integer", nullable: false),
                    Change = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Rationale = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UpgradeCaseDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UpgradeCaseDecisions_BenchCases_BenchCaseId",
                        column: x => x.BenchCaseId,
                        principalTable: "BenchCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UpgradeCaseDecisions_UpgradeAudits_UpgradeAuditId",
                        column: x => x.UpgradeAuditId,
                        principalTable: "UpgradeAudits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UpgradeAudits_ProjectId_BaseRunId_HeadRunId",
                table: "UpgradeAudits",
                columns: new[] { "ProjectId", "BaseRunId", "HeadRunId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UpgradeCaseDecisions_BenchCaseId",
                table: "UpgradeCaseDecisions",
                column: "BenchCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_UpgradeCaseDecisions_UpgradeAuditId_BenchCaseId",
                table: "UpgradeCaseDecisions",
                columns: new[] { "UpgradeAuditId", "BenchCaseId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UpgradeCaseDecisions");

            migrationBuilder.DropIndex(
                name: "IX_UpgradeAudits_ProjectId_BaseRunId_HeadRunId",
                table: "UpgradeAudits");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "UpgradeAudits");
        }
    }
}
