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
    // With `walk`, each product is tested against the words instead of starting from their matches (SQLite: the unary
    // `+`; PostgreSQL: a match no index serves, estimated at half the rows; see SqlHints): for words matching a good share
    // of the shop, walking the order's index finds a page sooner.
    internal static IQueryable<Product> Matching(AfyaDb db, IReadOnlyList<string> terms, bool walk = false)
    {
        if (ReferenceEquals(terms, Unmatchable)) return Products.Visible(db).Where(_ => false);
        if (db.Provider == DatabaseProvider.Sqlite)
            return (walk
                    ? db.Set<Product>().FromSql($"SELECT c.* FROM catalog_products AS c WHERE +c.rowid IN (SELECT rowid FROM catalog_products_fts WHERE catalog_products_fts MATCH {SqliteMatch(terms)})")
                    : db.Set<Product>().FromSql($"SELECT c.* FROM catalog_products AS c WHERE c.rowid IN (SELECT rowid FROM catalog_products_fts WHERE catalog_products_fts MATCH {SqliteMatch(terms)})"))
                .AsNoTracking().Where(p => p.IsActive && !p.IsArchived);
        var tsquery = PostgresQuery(terms);
        return walk
            ? Products.Visible(db).Where(p => SqlHints.Unindexed(EF.Property<NpgsqlTsVector>(p, PostgresSearchColumn).Matches(EF.Functions.ToTsQuery("simple", tsquery))))
            : Products.Visible(db).Where(p => EF.Property<NpgsqlTsVector>(p, PostgresSearchColumn).Matches(EF.Functions.ToTsQuery("simple", tsquery)));
    }

    // Every product the words match, shown or hidden, as ids for an IN (the staff console's list, which pages and sorts
    // them itself): one pass over the FTS index instead of a LIKE over every name.
    internal static IQueryable<Guid> AnyMatchingIds(AfyaDb db, IReadOnlyList<string> terms)
    {
        if (ReferenceEquals(terms, Unmatchable)) return db.Set<Product>().Where(_ => false).Select(p => p.Id);
        if (db.Provider == DatabaseProvider.Sqlite)
            return db.Set<Product>().FromSql($"SELECT c.* FROM catalog_products AS c WHERE c.rowid IN (SELECT rowid FROM catalog_products_fts WHERE catalog_products_fts MATCH {SqliteMatch(terms)})")
                .Select(p => p.Id);
        var tsquery = PostgresQuery(terms);
        return db.Set<Product>().Where(p => EF.Property<NpgsqlTsVector>(p, PostgresSearchColumn).Matches(EF.Functions.ToTsQuery("simple", tsquery))).Select(p => p.Id);
    }

    // The ids of one page in relevance order. Ranking every match of a broad word ("monitor": 8,400 of 100,000
    // products) costs as much as reading them all, so only a window is ranked: the newest `window` products the
    // words match (SQLite: the last added, in FTS5's rowid order, which it reads without ranking; PostgreSQL: by
    // created_at, through the visible products' index). Filters apply inside the window. Its matches come first,
    // best first; the rest follow newest first. When the words match no more than the window, that is the
    // full relevance order. Either way every page is a slice of one order, so on unchanged data pages neither
    // repeat nor skip; a product added between the two queries of a page can shift one item, so ids are distinct.
    internal static async Task<List<Guid>> RelevantPageAsync(
        AfyaDb db, IReadOnlyList<string> terms, Func<IQueryable<Product>, IQueryable<Product>> filter, int count, int skip, int take, int window, bool walk,
        CancellationToken ct)
    {
        var ranked = RankedWindow(db, terms, filter, window, walk);
        var ids = await ranked.OrderBy(r => r.Rank).ThenByDescending(r => r.Product.CreatedAt).ThenByDescending(r => r.Product.Id)
            .Skip(skip).Take(take).Select(r => r.Product.Id).ToListAsync(ct);
        if (ids.Count == take || skip + ids.Count >= count) return ids;

        // The page runs past the window's matches: the rest, newest first, from where the window's matches end.
        var inWindow = ids.Count > 0 ? skip + ids.Count : await ranked.CountAsync(ct);
        ids.AddRange(await filter(BeyondWindow(db, terms, window, walk)).OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip(Math.Max(0, skip + ids.Count - inWindow)).Take(take - ids.Count).Select(p => p.Id).ToListAsync(ct));
        return ids.Distinct().ToList();
    }

    private static IQueryable<Products.Ranked> RankedWindow(
        AfyaDb db, IReadOnlyList<string> terms, Func<IQueryable<Product>, IQueryable<Product>> filter, int window, bool walk)
    {
        if (ReferenceEquals(terms, Unmatchable)) return Products.Visible(db).Where(_ => false).Select(p => new Products.Ranked { Product = p, Rank = 0 });
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // bm25 (lower is better; weights name, keywords, description) is computed only for the rows the LIMIT
            // lets through. Hidden products are left out before the cut, as PostgreSQL's window does. Column names
            // are snake_case because the naming convention applies to this ad-hoc type too.
            var hits = db.Database.SqlQuery<Hit>($"""
                SELECT catalog_products_fts.product_id, bm25(catalog_products_fts, 10.0, 4.0, 1.0) AS rank
                FROM catalog_products_fts JOIN catalog_products AS c ON c.rowid = catalog_products_fts.rowid
                WHERE catalog_products_fts MATCH {SqliteMatch(terms)} AND c.is_active AND NOT c.is_archived
                ORDER BY catalog_products_fts.rowid DESC LIMIT {window}
                """);
            return filter(Products.Visible(db)).Join(hits, p => p.Id, h => h.ProductId, (p, h) => new Products.Ranked { Product = p, Rank = h.Rank });
        }
        var tsquery = PostgresQuery(terms);
        return filter(NewestMatches(db, tsquery, walk).Take(window))
            .Select(p => new Products.Ranked { Product = p, Rank = -EF.Property<NpgsqlTsVector>(p, PostgresSearchColumn).Rank(EF.Functions.ToTsQuery("simple", tsquery)) });
    }

    // Cut in the same terms as the window, so the two never share a product.
    private static IQueryable<Product> BeyondWindow(AfyaDb db, IReadOnlyList<string> terms, int window, bool walk)
    {
        if (ReferenceEquals(terms, Unmatchable)) return Products.Visible(db).Where(_ => false);
        if (db.Provider == DatabaseProvider.Sqlite)
            return db.Set<Product>().FromSql($"""
                SELECT c.* FROM catalog_products AS c WHERE c.rowid IN (
                    SELECT catalog_products_fts.rowid FROM catalog_products_fts JOIN catalog_products AS v ON v.rowid = catalog_products_fts.rowid
                    WHERE catalog_products_fts MATCH {SqliteMatch(terms)} AND v.is_active AND NOT v.is_archived
                    ORDER BY catalog_products_fts.rowid DESC LIMIT -1 OFFSET {window})
                """).AsNoTracking().Where(p => p.IsActive && !p.IsArchived);
        return NewestMatches(db, PostgresQuery(terms), walk).Skip(window);
    }

    // The words go into the SQL as a literal: as a parameter, the prepared statement's generic plan (chosen after a
    // few runs, blind to how many products the words match) gathers every match through the GIN index and sorts
    // them (16 ms for "monitor") instead of walking the created_at index until the window is full (1.3 ms). Even a
    // literal of two words is estimated at 0.04 % of the rows, so with `walk` (words known to match a good share) the
    // match is hidden from the GIN index (SqlHints.Unindexed).
    private static IOrderedQueryable<Product> NewestMatches(AfyaDb db, string tsquery, bool walk) =>
        (walk
            ? Products.Visible(db).Where(p => SqlHints.Unindexed(EF.Property<NpgsqlTsVector>(p, PostgresSearchColumn).Matches(EF.Functions.ToTsQuery("simple", EF.Constant(tsquery)))))
            : Products.Visible(db).Where(p => EF.Property<NpgsqlTsVector>(p, PostgresSearchColumn).Matches(EF.Functions.ToTsQuery("simple", EF.Constant(tsquery)))))
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);

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
