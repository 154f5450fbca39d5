using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Afya.Api.Platform.Data.Migrations.Sqlite
{
    // Hand-written (the model does not change): the FTS5 table gains prefix indexes for 2- and 3-letter prefixes,
    // so a short word typed as a prefix ("pro" matching "product" in 100,000 descriptions) reads one ready list
    // instead of merging every word it starts. The triggers keep writing to the table by name.
    [DbContext(typeof(SqliteAfyaDb))]
    [Migration("20261124173000_SearchPrefixIndex")]
    public partial class SearchPrefixIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, ", prefix = '2 3'");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, "");

        private static void Rebuild(MigrationBuilder migrationBuilder, string options)
        {
            migrationBuilder.Sql("DROP TABLE catalog_products_fts;");
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE catalog_products_fts USING fts5(
                    name, keywords, description, product_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'{options});
                """);
            migrationBuilder.Sql("""
                INSERT INTO catalog_products_fts(rowid, name, keywords, description, product_id)
                SELECT rowid, name, search_keywords, description, id FROM catalog_products;
                """);
        }
    }
}
