using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TitleBridge.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
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
