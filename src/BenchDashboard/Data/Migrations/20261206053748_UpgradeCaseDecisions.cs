using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BenchDashboard.Data.Migrations
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
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "UpgradeCaseDecisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UpgradeAuditId = table.Column<int>(type: "INTEGER", nullable: false),
                    BenchCaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
