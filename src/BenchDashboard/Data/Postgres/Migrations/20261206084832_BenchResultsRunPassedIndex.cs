using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BenchDashboard.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BenchResultsRunPassedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_BenchResults_BenchRunId_Passed",
                table: "BenchResults",
                columns: new[] { "BenchRunId", "Passed" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_BenchResults_BenchRunId_Passed",
                table: "BenchResults");
        }
    }
}
