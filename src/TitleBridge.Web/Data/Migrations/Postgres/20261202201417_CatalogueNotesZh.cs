using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TitleBridge.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CatalogueNotesZh : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NotesZh",
                table: "CatalogueEntries",
                type: "text",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NotesZh",
                table: "CatalogueEntries");
        }
    }
}
