using Afya.Api.Modules.Catalog.Data;
using Afya.Api.Platform.Data;
using NpgsqlTypes;

namespace Afya.Api.Modules.Catalog;

// Full-text search over name, brand, category and description: SQLite FTS5 with bm25, PostgreSQL tsvector
// with ts_rank, both weighting the name highest. Input is reduced to word prefixes, so no query syntax leaks through.
public static class ProductSearch
{
    public const string SqliteTable = "catalog_products_fts";

    public sealed class Hit
    {
        public Guid ProductId { get; init; }
        public double Rank { get; init; }
    }

    // What a search for nothing searchable (only punctuation, symbols or emoji) asks: no product, rather than all.
    private static readonly IReadOnlyList<string> Unmatchable = ["\u0000"];

    // Words of letters and digits in any script (ä, ö, Arabic), lower-cased; everything else separates words.
    public static IReadOnlyList<string> Terms(string search)
    {
        var terms = search.Split((char[])[' ', '+', ',', '.', '-', '/', '"', '\'', '(', ')', ':', '*', '&', '|', '!', '^'], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => new string(t.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant())
            .Where(t => t.Length > 0).Distinct().Take(8).ToList();
        return terms.Count == 0 && !string.IsNullOrWhiteSpace(search) ? Unmatchable : terms;
    }

    // The visible products that match. On SQLite the FTS table is joined on rowid (the triggers keep it equal to
    // the product's), not on the product id: a GUID stored as text costs an index probe per match.
    internal static IQueryable<Product> Matching(AfyaDb db, IReadOnlyList<string> terms)
    {
        if (ReferenceEquals(terms, Unmatchable)) return Products.Visible(db).Where(_ => false);
        if (db.Provider == DatabaseProvider.Sqlite)
            return db.Set<Product>().FromSql($"SELECT c.* FROM catalog_products AS c WHERE c.rowid IN (SELECT rowid FROM catalog_products_fts WHERE catalog_products_fts MATCH {SqliteMatch(terms)})")
                .AsNoTracking().Where(p => p.IsActive && !p.IsArchived);
        var tsquery = PostgresQuery(terms);
        return Products.Visible(db).Where(p => EF.Property<NpgsqlTsVector>(p, PostgresSearchColumn).Matches(EF.Functions.ToTsQuery("simple", tsquery)));
    }

    // The matching products (already narrowed by Matching and the filters), each with a rank where lower is better.
    internal static IQueryable<Products.Ranked> Ranked(AfyaDb db, IQueryable<Product> matching, IReadOnlyList<string> terms)
    {
        if (ReferenceEquals(terms, Unmatchable)) return matching.Select(p => new Products.Ranked { Product = p, Rank = 0 });
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // bm25 is lower-is-better already; weights follow the column order: name, keywords, description.
            // Column names are snake_case because the naming convention applies to this ad-hoc type too.
            var hits = db.Database.SqlQuery<Hit>($"SELECT product_id, bm25(catalog_products_fts, 10.0, 4.0, 1.0) AS rank FROM catalog_products_fts WHERE catalog_products_fts MATCH {SqliteMatch(terms)}");
            return matching.Join(hits, p => p.Id, h => h.ProductId, (p, h) => new Products.Ranked { Product = p, Rank = h.Rank });
        }
        var tsquery = PostgresQuery(terms);
        return matching.Select(p => new Products.Ranked { Product = p, Rank = -EF.Property<NpgsqlTsVector>(p, PostgresSearchColumn).Rank(EF.Functions.ToTsQuery("simple", tsquery)) });
    }

    private static string SqliteMatch(IReadOnlyList<string> terms) => string.Join(' ', terms.Select(t => $"\"{t}\"*"));

    private static string PostgresQuery(IReadOnlyList<string> terms) => string.Join(" & ", terms.Select(t => t + ":*"));

    public const string PostgresSearchColumn = "SearchVector";
}

// The PostgreSQL search column: generated from the same fields, weighted A (name), B (brand, category), C (description).
internal sealed class ProductSearchModel : IProviderModelConfiguration
{
    public void Configure(ModelBuilder modelBuilder, DatabaseProvider provider)
    {
        if (provider != DatabaseProvider.Postgres) return;
        var product = modelBuilder.Entity<Product>();
        product.Property<NpgsqlTsVector>(ProductSearch.PostgresSearchColumn)
            .HasComputedColumnSql(
                "setweight(to_tsvector('simple', coalesce(name, '')), 'A') || setweight(to_tsvector('simple', coalesce(search_keywords, '')), 'B') || setweight(to_tsvector('simple', coalesce(description, '')), 'C')",
                stored: true);
        product.HasIndex(ProductSearch.PostgresSearchColumn).HasMethod("GIN");
    }
}
