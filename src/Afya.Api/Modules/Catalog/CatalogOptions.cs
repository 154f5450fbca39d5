namespace Afya.Api.Modules.Catalog;

public sealed class CatalogOptions
{
    public long MaxImageBytes { get; set; } = 5 * 1024 * 1024;

    // How long one node serves a cached catalog read; writes on the node clear it at once.
    public int CacheSeconds { get; set; } = 60;
    // How long the count of one filter set is kept; catalog writes (stock included) clear it at once. Separate from
    // CacheSeconds: a count serves every page and order of its filter set. 0 counts on every request.
    public int CountSeconds { get; set; } = 600;
    // How many of the newest products a search's words match are ranked by relevance; the rest follow newest first.
    // Bounds the cost of a word that matches thousands of products (docs/DECISIONS.md, "Search ranks a window").
    public int SearchWindow { get; set; } = 200;
    public int FeaturedLimit { get; set; } = 10;
    public int ListLimit { get; set; } = 20;
}
